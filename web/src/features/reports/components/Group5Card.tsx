import { Card, Col, Row, Statistic } from 'antd';
import { t } from '../../../lib/i18n.js';
import { group5Lines, type Group5Figures } from './group5.js';

/** QĐ 766 group 5 (feedback) of the chosen unit and period: 5.1–5.4 and the satisfaction with the answer. */
export function Group5Card({ figures }: { figures: Group5Figures }) {
  return (
    <Card size="small" title={<h3 className="section-title">{t('reports.g5.title')}</h3>} data-testid="group5">
      <Row gutter={[12, 12]}>
        {group5Lines(figures).map((l) => (
          <Col key={l.key} xs={24} md={12} xl={l.key === '5.1' ? 8 : 4}>
            <Statistic title={<span className="report-stat-title">{l.label}</span>} value={l.value} />
            {l.note ? <div className="muted" style={{ fontSize: 12 }}>{l.note}</div> : null}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
