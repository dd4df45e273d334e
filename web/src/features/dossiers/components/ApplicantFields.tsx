import type { ReactNode } from 'react';
import { Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { cccdRule, phoneRule, taxCodeRule } from '../../../lib/applicant-checks.js';
import { t } from '../../../lib/i18n.js';
import { applicantKindLabel } from './dossier-labels.js';

/**
 * Người nộp hồ sơ: a citizen (CCCD) or an organisation (tax code), with contacts for notices — each checked at the
 * field by the rule the server applies (lib/applicant-checks.ts).
 * `onIdNumber`: told of every change of the number (the intake looks a complete CCCD up); `lookupNote` shows what it found.
 */
export function ApplicantFields({ onIdNumber, lookupNote }: { onIdNumber?: (value: string) => void; lookupNote?: ReactNode } = {}) {
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['applicant', 'kind']) as 'citizen' | 'organisation' | undefined;
  const citizen = kind !== 'organisation';
  const birthDate = () => (form.getFieldValue(['applicant', 'birthDate']) as Dayjs | null | undefined)?.format('YYYY-MM-DD');
  return (
    <>
      <Form.Item name={['applicant', 'kind']} label={t('intake.applicantKind')}>
        <Radio.Group
          // A CCCD is no tax code: the number typed for the other kind, and what was said of it, go with the switch.
          onChange={() => {
            form.setFields([{ name: ['applicant', 'idNumber'], value: undefined, errors: [] }]);
            onIdNumber?.('');
          }}
          optionType="button"
          options={(['citizen', 'organisation'] as const).map((k) => ({ value: k, label: applicantKindLabel(k) }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['applicant', 'idNumber']}
            label={citizen ? t('intake.idNumber') : t('intake.idNumberOrg')}
            dependencies={[['applicant', 'birthDate']]}
            normalize={(v: string) => v.replace(/[\s.]/g, '')}
            rules={[{ required: true, message: citizen ? t('intake.idNumberRule') : t('intake.idNumberOrgRule') }, citizen ? cccdRule(birthDate) : taxCodeRule]}
          >
            <Input inputMode={citizen ? 'numeric' : 'text'} maxLength={20} autoComplete="off" onChange={(e) => onIdNumber?.(e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={citizen ? 10 : 16}>
          <Form.Item name={['applicant', 'fullName']} label={citizen ? t('intake.fullName') : t('intake.orgName')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        {citizen ? (
          <Col xs={24} md={6}>
            <Form.Item name={['applicant', 'birthDate']} label={t('intake.birthDate')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      {lookupNote}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['applicant', 'address']} label={t('intake.address')} rules={[{ max: 500 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['applicant', 'phone']} label={t('intake.phone')} rules={[phoneRule()]}>
            <Input inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['applicant', 'email']} label={t('intake.email')} rules={[{ type: 'email' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
