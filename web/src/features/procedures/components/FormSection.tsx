import type { ReactNode } from 'react';
import { Card } from 'antd';

/** A titled group of fields in the procedure editor. */
export function FormSection({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={<h3 className="section-title">{title}</h3>} extra={extra} size="small" style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}
