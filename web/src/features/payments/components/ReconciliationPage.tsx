import { useState } from 'react';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { StatementImport, type Desk } from './StatementImport.js';
import { TransfersCard } from './TransfersCard.js';

type Props = { desks: Desk[]; dossierSearchPath: (code: string) => string };

/**
 * Đối soát chuyển khoản: the desk imports its bank statement; VietQR payments named in a transfer with their exact
 * amount become paid (receipt numbered), the rest waits here for an officer (Nghị định 61/2018 Điều 22: fees paid by
 * transfer to the agency's account).
 */
export function ReconciliationPage({ desks, dossierSearchPath }: Props) {
  const [version, setVersion] = useState(0);
  return (
    <>
      <PageTitle title={t('recon.title')} />
      <StatementImport desks={desks} onImported={() => setVersion((v) => v + 1)} />
      <TransfersCard version={version} dossierSearchPath={dossierSearchPath} />
    </>
  );
}
