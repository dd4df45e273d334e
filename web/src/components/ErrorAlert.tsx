import { Alert } from 'antd';
import { errorText } from '../lib/api-client.js';

/** Shows an API error with the server's message; renders nothing without an error. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />;
}
