import { useState } from 'react';
import { App, Button, Flex, Form, Input, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { fileUrl, uploadFile } from '../api/upload-file.js';
import { FormSection } from './FormSection.js';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

/** Mẫu đơn, tờ khai: a name and an uploaded file each (stored by content hash). */
export function TemplatesFields() {
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<number | null>(null);

  const handleUpload = async (index: number, file: File) => {
    setUploading(index);
    try {
      const stored = await uploadFile(file);
      form.setFieldValue(['templates', index, 'fileId'], stored.sha256);
      form.setFieldValue(['templates', index, 'fileName'], stored.fileName);
      if (!form.getFieldValue(['templates', index, 'name'])) form.setFieldValue(['templates', index, 'name'], file.name.replace(/\.[^.]+$/, ''));
      message.success(t('proc.uploaded', { name: stored.fileName }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setUploading(null);
    }
  };

  return (
    <Form.List name="templates">
      {(fields, { add, remove }) => (
        <FormSection title={t('proc.templates')}>
          {fields.length === 0 ? <p className="muted">{t('proc.noTemplates')}</p> : null}
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="start" className="list-row">
              <Form.Item name={[field.name, 'name']} label={t('proc.templateName')} rules={[{ required: true }]} style={{ flex: '2 1 260px' }}>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'fileId']} hidden>
                <Input />
              </Form.Item>
              <Form.Item shouldUpdate noStyle>
                {() => {
                  const fileId = form.getFieldValue(['templates', field.name, 'fileId']) as string | undefined;
                  const fileName = form.getFieldValue(['templates', field.name, 'fileName']) as string | undefined;
                  return (
                    <Form.Item label={t('proc.templateFile')} style={{ flex: '2 1 240px' }}>
                      <Flex gap={8} align="center" wrap>
                        <Upload
                          accept={ACCEPT}
                          showUploadList={false}
                          beforeUpload={(file) => {
                            void handleUpload(field.name, file);
                            return false;
                          }}
                        >
                          <Button icon={<UploadOutlined />} loading={uploading === field.name}>
                            {fileId ? t('proc.replaceFile') : t('proc.uploadFile')}
                          </Button>
                        </Upload>
                        {fileId ? (
                          <a href={fileUrl(fileId)} target="_blank" rel="noreferrer">
                            {fileName ?? fileId.slice(0, 12)}
                          </a>
                        ) : (
                          <span className="muted">{t('proc.noFile')}</span>
                        )}
                      </Flex>
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Form.Item name={[field.name, 'fileName']} hidden>
                <Input />
              </Form.Item>
              <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} className="row-remove" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('proc.addTemplate')}
          </Button>
        </FormSection>
      )}
    </Form.List>
  );
}
