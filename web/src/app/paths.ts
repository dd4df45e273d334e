/** The console's URLs (all under /console, served by the server's fallback to web/index.html). */
export const paths = {
  home: '/console',
  units: '/console/don-vi',
  users: '/console/can-bo',
  procedures: '/console/thu-tuc',
  procedureNew: '/console/thu-tuc/moi',
  procedure: (id: string) => `/console/thu-tuc/${id}`,
  procedureEdit: (id: string) => `/console/thu-tuc/${id}/sua`,
  calendar: '/console/lich-lam-viec',
  dossiers: '/console/ho-so',
  intake: '/console/ho-so/tiep-nhan',
  dossier: (id: string) => `/console/ho-so/${id}`,
  postal: '/console/buu-chinh',
  verifyId: '/console/xac-minh-can-cuoc',
  reconciliation: '/console/thanh-toan/doi-soat',
  satisfaction: '/console/danh-gia',
  reports: '/console/bao-cao',
} as const;
