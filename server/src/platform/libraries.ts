/**
 * Heavy libraries load on first use, not at start: most requests never render a PDF, read a workbook, resize an image,
 * sanitise an article or speak SMTP, and each of these costs 8–30 MiB of memory and start-up time once imported
 * (BENCHMARKS.md, "Server memory and start"). Each loader imports its library once and hands back the same module.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    });
    return loaded;
  };
}

export const loadPdfKit = once(async () => (await import('pdfkit')).default);
export const loadQrCode = once(async () => (await import('qrcode')).default);
export const loadExcel = once(async () => (await import('exceljs')).default);
export const loadDocx = once(() => import('docx'));
export const loadSharp = once(async () => (await import('sharp')).default);
export const loadSanitizeHtml = once(async () => (await import('sanitize-html')).default);
export const loadNodemailer = once(async () => (await import('nodemailer')).default);
export const loadOpenIdClient = once(() => import('openid-client'));
export const loadMailParser = once(() => import('mailparser'));
export const loadSmtpServer = once(async () => (await import('smtp-server')).SMTPServer);
