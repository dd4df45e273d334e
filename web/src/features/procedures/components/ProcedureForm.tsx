import type { ReactNode } from 'react';
import { Checkbox, Collapse, Flex, Form, Input, InputNumber, Radio, Select, type FormInstance } from 'antd';
import { t } from '../../../lib/i18n.js';
import { durationUnitLabel, durationUnits, onlineLevelLabel, onlineLevels, optionsOf, procedureLevelLabel, procedureLevels } from '../../../lib/labels.js';
import { DocumentsFields } from './DocumentsFields.js';
import { FeesFields } from './FeesFields.js';
import { FormSection } from './FormSection.js';
import { LegalBasisFields } from './LegalBasisFields.js';
import { eformProblem, type ProcedureFormValues } from './procedure-form-values.js';
import { designerProblemOf, FormDesigner } from './FormDesigner.js';
import { StepsFields } from './StepsFields.js';
import { TemplatesFields } from './TemplatesFields.js';

type Props = {
  form: FormInstance<ProcedureFormValues>;
  initialValues: ProcedureFormValues;
  onFinish: (values: ProcedureFormValues) => void;
  /** Fields shown before the content (the owner unit when creating). */
  header?: ReactNode;
  /** The code cannot change once the procedure exists. */
  codeLocked?: boolean;
};

/** The reasons ND 224/2026 Điều 14 allows for a service that is only partly online. */
const notFullyOnlineReasons = ['presence_required', 'onsite_verification', 'technical_incident', 'other_technical'] as const;

const CODE_PATTERN = /^[0-9]\.[0-9]{6}(\.[0-9A-Z.]+)?$/;

/** The structured editor of a procedure's content: every field of the national procedure database's record. */
export function ProcedureForm({ form, initialValues, onFinish, header, codeLocked }: Props) {
  const unit = Form.useWatch(['processingTime', 'unit'], form);
  const onlineLevel = Form.useWatch('onlineLevel', form);
  const level = Form.useWatch('level', form);
  return (
    <Form<ProcedureFormValues> noValidate form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError>
      <FormSection title={t('proc.general')}>
        {header}
        <Flex gap={12} wrap>
          <Form.Item label={t('proc.code')} name="code" rules={[{ required: true }, { pattern: CODE_PATTERN, message: t('proc.codeRule') }]} style={{ flex: '1 1 160px' }}>
            <Input placeholder="1.001193" disabled={codeLocked} />
          </Form.Item>
          <Form.Item label={t('proc.name')} name="name" rules={[{ required: true, min: 3 }]} style={{ flex: '4 1 360px' }}>
            <Input />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item label={t('proc.field')} name="field" rules={[{ required: true }]} style={{ flex: '1 1 220px' }}>
            <Input placeholder="Hộ tịch" />
          </Form.Item>
          <Form.Item label={t('proc.level')} name="level" rules={[{ required: true }]} style={{ flex: '1 1 180px' }}>
            {/* No district level for new entries (abolished 01/07/2025); kept only on a procedure that already has it. */}
            <Select options={optionsOf(procedureLevels.filter((l) => l !== 'district' || level === 'district'), procedureLevelLabel)} />
          </Form.Item>
          <Form.Item label={t('proc.agency')} name="agency" rules={[{ required: true }]} style={{ flex: '2 1 260px' }}>
            <Input placeholder="Ủy ban nhân dân cấp xã" />
          </Form.Item>
        </Flex>
        <Form.Item label={t('proc.applicants')} name="applicants">
          <Input />
        </Form.Item>
      </FormSection>

      <FormSection title={t('proc.processingTime')}>
        <Flex gap={12} wrap>
          <Form.Item label={t('proc.timeAmount')} name={['processingTime', 'amount']} rules={[{ required: true }]} style={{ width: 140 }}>
            <InputNumber min={0} max={365} step={1} disabled={unit === 'same_day'} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('proc.timeUnit')} name={['processingTime', 'unit']} rules={[{ required: true }]} style={{ flex: '1 1 200px' }}>
            <Select options={optionsOf(durationUnits, durationUnitLabel)} />
          </Form.Item>
          <Form.Item label={t('proc.note')} name={['processingTime', 'note']} style={{ flex: '2 1 260px' }}>
            <Input />
          </Form.Item>
        </Flex>
      </FormSection>

      <FeesFields />
      <TemplatesFields />
      <DocumentsFields />
      <StepsFields />

      <FormSection title={t('proc.resultAndConditions')}>
        <Form.Item label={t('proc.result')} name="result" rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label={t('proc.conditions')} name="conditions">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
        <Form.Item label={t('proc.sequence')} name="sequence">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 14 }} />
        </Form.Item>
      </FormSection>

      <LegalBasisFields />

      <FormSection title={t('proc.channels')}>
        <Form.Item label={t('proc.onlineLevel')} name="onlineLevel" rules={[{ required: true }]}>
          <Radio.Group options={optionsOf(onlineLevels, onlineLevelLabel)} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label={t('proc.nationalCode')} name={['national', 'maTTHC']} extra={t('proc.nationalCodeHint')} style={{ flex: '1 1 220px' }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item label={t('proc.nationalCase')} name={['national', 'maTruongHop']} style={{ flex: '1 1 220px' }}>
            <Input maxLength={60} />
          </Form.Item>
        </Flex>
        {/* Asked for at publishing, not here: a draft saves without them (issue 15; Nghị định 224/2026/NĐ-CP Điều 14). */}
        {onlineLevel === 'partial' && (
          <Flex gap={16} wrap>
            <Form.Item label={t('proc.notFullyOnlineReason')} name={['notFullyOnline', 'reason']} extra={t('proc.notFullyOnlineRequired')} style={{ flex: '1 1 260px' }}>
              <Select options={notFullyOnlineReasons.map((r) => ({ value: r, label: t(`proc.notFullyOnline.${r}`) }))} />
            </Form.Item>
            <Form.Item label={t('proc.notFullyOnlineBasis')} name={['notFullyOnline', 'legalBasis']} style={{ flex: '1 1 260px' }}>
              <Input maxLength={500} placeholder="Nghị định 224/2026/NĐ-CP Điều 14" />
            </Form.Item>
            <Form.Item label={t('proc.notFullyOnlineExplanation')} name={['notFullyOnline', 'explanation']} style={{ flex: '2 1 100%' }}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Flex>
        )}
        <Flex gap={24} wrap>
          <Form.Item name="postalIntake" valuePropName="checked" noStyle>
            <Checkbox>{t('proc.postalIntake')}</Checkbox>
          </Form.Item>
          <Form.Item name="postalReturn" valuePropName="checked" noStyle>
            <Checkbox>{t('proc.postalReturn')}</Checkbox>
          </Form.Item>
        </Flex>
      </FormSection>

      <FormSection title={t('proc.eform')}>
        <FormDesigner form={form} />
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'json',
              forceRender: true,
              label: t('proc.designer.json'),
              children: (
                <Form.Item
                  name="eformText"
                  extra={t('proc.eformHint')}
                  rules={[
                    {
                      validator: (_r, value: string | undefined) => {
                        const problem = eformProblem(value);
                        if (problem) return Promise.reject(new Error(problem === 'object' ? t('proc.eformNotObject') : t('proc.eformInvalid', { reason: problem })));
                        const designed = designerProblemOf(value);
                        return designed ? Promise.reject(new Error(designed)) : Promise.resolve();
                      },
                    },
                  ]}
                >
                  <Input.TextArea aria-label={t('proc.eform')} autoSize={{ minRows: 6, maxRows: 24 }} spellCheck={false} className="mono" placeholder={'{\n  "type": "object",\n  "properties": {}\n}'} />
                </Form.Item>
              ),
            },
          ]}
        />
      </FormSection>
    </Form>
  );
}
