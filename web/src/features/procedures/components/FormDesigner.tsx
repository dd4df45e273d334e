import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Typography, type FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DESIGNER_FIELD_TYPES,
  designerFieldTypeLabels,
  designerProblems,
  designerToSchema,
  fieldKeyOf,
  moveField,
  schemaToDesigner,
  type DesignerField,
  type DesignerForm,
} from '../../../../../server/src/modules/procedures/eform-designer.rules.js';
import { PREFILL_FACTS, prefillFactLabels, type PrefillCondition as TCondition, type TPrefillFact } from '../../../../../server/src/modules/procedures/eform.rules.js';
// The preview is the citizen portal's own renderer, so the administrator sees the form as the citizen will.
import { EformFields } from '../../../../../portal/src/features/citizen/EformFields.js';
import { t } from '../../../lib/i18n.js';
import type { ProcedureFormValues } from './procedure-form-values.js';

function parse(text: string | undefined): Record<string, unknown> | null | 'invalid' {
  if (!text?.trim()) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** The designer's problems for a JSON text (used by the form's validator, so a form with problems is not saved). */
export function designerProblemOf(text: string | undefined): string | null {
  const schema = parse(text);
  if (schema === 'invalid' || schema === null) return null;
  return designerProblems(schemaToDesigner(schema))[0]?.messageVi ?? null;
}

const typeOptions = DESIGNER_FIELD_TYPES.filter((k) => k !== 'other').map((k) => ({ value: k, label: designerFieldTypeLabels[k] }));
const prefillOptions = [{ value: 'none', label: t('proc.prefillNone') }, ...PREFILL_FACTS.map((f) => ({ value: f, label: prefillFactLabels[f] }))];

/**
 * The procedure's e-form built field by field — label, type, required, choices, order, the applicant fact that fills
 * it — with a live preview drawn by the portal's renderer. It edits the JSON Schema text of the form (`eformText`),
 * which stays reachable for what the designer does not cover (nested groups, lists).
 */
export function FormDesigner({ form }: { form: FormInstance<ProcedureFormValues> }) {
  const text = Form.useWatch('eformText', form) as string | undefined;
  const [previewValues, setPreviewValues] = useState<Record<string, unknown>>({});
  const schema = parse(text);
  if (schema === 'invalid') return <Alert type="warning" showIcon title={t('proc.designer.invalidJson')} />;
  const model = schemaToDesigner(schema);
  const problems = designerProblems(model);
  const write = (next: DesignerForm) => {
    const s = designerToSchema(next);
    form.setFieldValue('eformText', s ? JSON.stringify(s, null, 2) : '');
    void form.validateFields(['eformText']).catch(() => undefined);
  };
  const setField = (i: number, patch: Partial<DesignerField>) => write({ ...model, fields: model.fields.map((f, k) => (k === i ? { ...f, ...patch } : f)) });
  const keysBut = (i: number) => model.fields.filter((_, k) => k !== i).map((f) => f.key);
  const out = designerToSchema(model);

  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Flex vertical gap={8}>
          <Input aria-label={t('proc.designer.formTitle')} placeholder={t('proc.designer.formTitle')} value={model.title} onChange={(e) => write({ ...model, title: e.target.value })} />
          {model.fields.map((f, i) => {
            const n = i + 1;
            const name = f.title || t('proc.designer.fieldN', { n });
            return (
              <Card key={i} size="small" className="designer-field" data-testid={`designer-field-${n}`}>
                <Flex gap={8} wrap align="center">
                  <span className="muted" style={{ width: 20 }}>
                    {n}.
                  </span>
                  <Input
                    style={{ flex: '3 1 220px' }}
                    aria-label={t('proc.designer.label', { n })}
                    placeholder={t('proc.designer.labelPlaceholder')}
                    value={f.title}
                    onChange={(e) => {
                      const title = e.target.value;
                      // The key follows the label while it is still the one made from the label.
                      const auto = f.key === fieldKeyOf(f.title, keysBut(i));
                      setField(i, { title, ...(auto ? { key: fieldKeyOf(title, keysBut(i)) } : {}) });
                    }}
                  />
                  {f.type === 'other' ? (
                    <span className="muted">{designerFieldTypeLabels.other}</span>
                  ) : (
                    <Select style={{ flex: '2 1 170px' }} aria-label={t('proc.designer.type', { n })} value={f.type} options={typeOptions} onChange={(type) => setField(i, { type })} />
                  )}
                  <Checkbox checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })}>
                    {t('proc.designer.required')}
                  </Checkbox>
                  <Flex gap={4}>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('proc.designer.up', { name })} onClick={() => write({ ...model, fields: moveField(model.fields, i, i - 1) })} />
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={i === model.fields.length - 1} aria-label={t('proc.designer.down', { name })} onClick={() => write({ ...model, fields: moveField(model.fields, i, i + 1) })} />
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('proc.designer.remove', { name })} onClick={() => write({ ...model, fields: model.fields.filter((_, k) => k !== i) })} />
                  </Flex>
                </Flex>
                <Flex gap={8} wrap align="center" style={{ marginTop: 8, paddingLeft: 28 }}>
                  <Input style={{ flex: '1 1 150px' }} className="mono" aria-label={t('proc.designer.key', { n })} prefix={<span className="muted">{t('proc.designer.keyShort')}</span>} value={f.key} onChange={(e) => setField(i, { key: e.target.value.trim() })} />
                  <Select<TPrefillFact | 'none'>
                    style={{ flex: '2 1 260px' }}
                    aria-label={t('proc.designer.prefill', { n })}
                    value={f.prefill ?? 'none'}
                    options={prefillOptions}
                    onChange={(v) => setField(i, { prefill: v === 'none' ? null : v, ...(v === 'none' ? { prefillWhen: null } : {}) })}
                  />
                  {f.prefill ? <PrefillCondition n={n} field={f} fields={model.fields} onChange={(prefillWhen) => setField(i, { prefillWhen })} /> : null}
                  <Checkbox checked={f.reuse} onChange={(e) => setField(i, { reuse: e.target.checked })}>
                    {t('proc.designer.reuse')}
                  </Checkbox>
                  {f.type === 'select' ? (
                    <Select
                      mode="tags"
                      style={{ flex: '1 1 100%' }}
                      aria-label={t('proc.designer.options', { n })}
                      placeholder={t('proc.designer.optionsPlaceholder')}
                      value={f.options}
                      tokenSeparators={[';']}
                      open={false}
                      onChange={(options: string[]) => setField(i, { options })}
                    />
                  ) : null}
                </Flex>
              </Card>
            );
          })}
          <Button
            icon={<PlusOutlined />}
            onClick={() => write({ ...model, fields: [...model.fields, { key: fieldKeyOf('', model.fields.map((f) => f.key)), title: '', type: 'text', required: false, options: [], prefill: null, prefillWhen: null, reuse: true, original: {} }] })}
          >
            {t('proc.designer.add')}
          </Button>
          {problems.length > 0 ? (
            <Alert
              type="error"
              showIcon
              title={
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {problems.map((p) => (
                    <li key={`${p.index}-${p.messageVi}`}>{p.messageVi}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </Flex>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={<h4 style={{ margin: 0, fontSize: 14 }}>{t('proc.designer.preview')}</h4>} className="eform-preview" data-testid="designer-preview">
          {out ? (
            <>
              {model.title ? <Typography.Title level={5}>{model.title}</Typography.Title> : null}
              <EformFields schema={out} values={previewValues} origins={Object.fromEntries(model.fields.filter((f) => f.prefill).map((f) => [f.key, 'prefilled' as const]))} onChange={setPreviewValues} />
            </>
          ) : (
            <Typography.Text type="secondary">{t('proc.designer.empty')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

/**
 * "Chỉ điền sẵn khi": a prefilled field about the subject is the applicant's own only when another answer says so
 * (Quan hệ = "Bản thân"); the condition is a choice field and one of its choices, or a yes/no field.
 */
function PrefillCondition({ n, field, fields, onChange }: { n: number; field: DesignerField; fields: DesignerField[]; onChange: (c: TCondition | null) => void }) {
  const candidates = fields.filter((g) => g.key !== field.key && (g.type === 'select' || g.type === 'boolean'));
  const target = fields.find((g) => g.key === field.prefillWhen?.field);
  const values: { value: string; label: string }[] =
    target?.type === 'boolean' ? [{ value: 'true', label: t('proc.designer.yes') }, { value: 'false', label: t('proc.designer.no') }] : (target?.options ?? []).map((o) => ({ value: o, label: o }));
  const valueOf = (v: string): TCondition['equals'] => (target?.type === 'boolean' ? v === 'true' : v);
  return (
    <>
      <Select<string>
        style={{ flex: '2 1 200px' }}
        aria-label={t('proc.designer.prefillWhen', { n })}
        value={field.prefillWhen?.field ?? ''}
        options={[{ value: '', label: t('proc.designer.prefillAlways') }, ...candidates.map((g) => ({ value: g.key, label: t('proc.designer.prefillWhenField', { name: g.title || g.key }) }))]}
        onChange={(key) => {
          const g = fields.find((x) => x.key === key);
          onChange(g ? { field: g.key, equals: g.type === 'boolean' ? true : (g.options[0] ?? '') } : null);
        }}
      />
      {field.prefillWhen && target ? (
        <Select<string>
          style={{ flex: '1 1 140px' }}
          aria-label={t('proc.designer.prefillWhenValue', { n })}
          value={String(field.prefillWhen.equals)}
          options={values}
          onChange={(v) => onChange({ field: target.key, equals: valueOf(v) })}
        />
      ) : null}
    </>
  );
}
