import { Button, Checkbox, Flex, Form, Input, InputNumber, Select, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';
import { documentKindLabel, documentKinds, optionsOf, type DocumentKind } from '../../../lib/labels.js';

export type ChecklistRow = { received: boolean; name: string; kind: DocumentKind; count: number; required: boolean; fromProcedure: boolean };

/** Thành phần hồ sơ as a checklist: the procedure's documents (ticked when handed in) plus any other paper received. */
export function DocumentChecklist() {
  const form = Form.useFormInstance();
  return (
    <Form.List name="documents">
      {(fields, { add, remove }) => (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            {t('intake.documentsHint')}
          </p>
          <ol className="checklist">
            {fields.map((field) => {
              const row = form.getFieldValue(['documents', field.name]) as ChecklistRow | undefined;
              const fixed = row?.fromProcedure === true;
              return (
                <li key={field.key} className="checklist-row">
                  <Form.Item name={[field.name, 'received']} valuePropName="checked" noStyle>
                    <Checkbox aria-label={`${t('intake.received')}: ${row?.name ?? ''}`} />
                  </Form.Item>
                  <div className="checklist-name">
                    {fixed ? (
                      <span>
                        {row.name} {row.required ? <Tag color="red">{t('intake.required')}</Tag> : null}
                      </span>
                    ) : (
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('dossier.documentName') }]} style={{ margin: 0 }}>
                        <Input aria-label={t('dossier.documentName')} placeholder={t('intake.otherDocument')} />
                      </Form.Item>
                    )}
                  </div>
                  <Form.Item name={[field.name, 'kind']} style={{ margin: 0, width: 190 }}>
                    <Select aria-label={t('proc.docKind')} options={optionsOf(documentKinds, documentKindLabel)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'count']} style={{ margin: 0, width: 80 }}>
                    <InputNumber aria-label={t('proc.docCount')} min={1} max={50} style={{ width: '100%' }} />
                  </Form.Item>
                  {fixed ? (
                    <span className="checklist-spacer" />
                  ) : (
                    <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  )}
                </li>
              );
            })}
          </ol>
          <Flex>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ received: true, name: '', kind: 'original', count: 1, required: false, fromProcedure: false } satisfies ChecklistRow)}>
              {t('intake.addDocument')}
            </Button>
          </Flex>
        </>
      )}
    </Form.List>
  );
}
