import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import { loadPdfKit, loadQrCode } from '../../platform/libraries.js';
import type { FormBlock, FormModel, FormSignature, FormTable } from './forms.contract.js';

/**
 * Prints a form model (forms.rules.ts) as PDF: A5 portrait for the slips, A4 landscape for the tracking book
 * (Thông tư 01/2018/TT-VPCP Điều 9 k2). DejaVu Serif is embedded so every Vietnamese diacritic prints; the tracking
 * URL is a QR code in the top-right corner with the dossier code under it.
 */

type Doc = InstanceType<typeof PDFDocument>;
const F = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic' } as const;
type FontFiles = Record<keyof typeof F, Buffer>;

let fontFiles: Promise<FontFiles> | null = null;

/** DejaVu Serif regular, bold and italic, read once from the dejavu-fonts-ttf package. */
function loadFonts(): Promise<FontFiles> {
  fontFiles ??= (async () => {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const [regular, bold, italic] = await Promise.all(
      ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf'].map((f) => readFile(path.join(dir, f))),
    );
    if (!regular || !bold || !italic) throw new Error('DejaVu Serif fonts not found');
    return { regular, bold, italic };
  })();
  return fontFiles;
}

type Geometry = { margin: number; body: number; small: number; title: number; qr: number };
const A5: Geometry = { margin: 28, body: 9.5, small: 7.5, title: 11.5, qr: 58 };
const A4L: Geometry = { margin: 32, body: 9, small: 8, title: 14, qr: 0 };

/** Renders the form as a PDF document. */
export async function renderFormPdf(model: FormModel): Promise<Buffer> {
  const fonts = await loadFonts();
  const [PdfKit, QRCode] = await Promise.all([loadPdfKit(), loadQrCode()]);
  const qrPng = model.qr ? await QRCode.toBuffer(model.qr.payload, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 256 }) : null;
  const g = model.paper === 'A5' ? A5 : A4L;
  const doc = new PdfKit({
    size: model.paper,
    layout: model.orientation,
    margins: { top: g.margin - 6, bottom: g.margin - 6, left: g.margin, right: g.margin },
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: `${model.formNumber}: ${model.title}`, Subject: model.circular, Author: model.agencyLines.join(' - '), Creator: 'Một Cửa' },
  });
  doc.registerFont(F.regular, fonts.regular);
  doc.registerFont(F.bold, fonts.bold);
  doc.registerFont(F.italic, fonts.italic);
  const done = collect(doc);

  const r = new Renderer(doc, g);
  r.header(model, qrPng);
  r.titles(model);
  for (const block of model.body) r.block(block);
  r.closing(model);
  r.pageNumbers();
  doc.end();
  return done;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

class Renderer {
  private readonly left: number;
  private readonly width: number;
  constructor(
    private readonly doc: Doc,
    private readonly g: Geometry,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.y = this.doc.page.margins.top;
    }
  }

  /** Agency block (left), national heading and date line (centre), QR code with the dossier code (right). */
  header(m: FormModel, qrPng: Buffer | null): void {
    const { doc, g } = this;
    const top = doc.page.margins.top;
    const qrCol = qrPng ? g.qr + 6 : 0;
    const leftW = Math.round((this.width - qrCol) * (m.paper === 'A5' ? 0.42 : 0.4));
    const midX = this.left + leftW;
    const midW = this.width - leftW - qrCol;

    const formRef = `${m.formNumber} (${m.circular})`;
    doc.font(F.italic).fillColor('#444').fontSize(fitSize(doc, formRef, leftW, g.small - 1));
    doc.text(formRef, this.left, top, { width: leftW, align: 'left', lineBreak: false });
    doc.fillColor('black');
    let y = top + g.small + 2;
    m.agencyLines.forEach((line, i) => {
      const last = i === m.agencyLines.length - 1;
      doc.font(last ? F.bold : F.regular).fontSize(g.small + 0.5);
      doc.text(line, this.left, y, { width: leftW - 4, align: 'center' });
      y = doc.y;
    });
    this.rule(this.left + leftW / 2, y + 3, leftW / 4);
    y += 8;
    if (m.documentNumber) {
      doc.font(F.regular).fontSize(g.small + 0.5).text(m.documentNumber, this.left, y, { width: leftW - 4, align: 'center' });
      y = doc.y;
    }
    const leftBottom = y;

    const [heading, motto] = m.nationalHeading;
    let hy = top + g.small + 2;
    doc.font(F.bold).fontSize(fitSize(doc, heading, midW, g.small + 1.5));
    doc.text(heading, midX, hy, { width: midW, align: 'center', lineBreak: false });
    hy += doc.currentLineHeight(true);
    doc.font(F.bold).fontSize(fitSize(doc, motto, midW, g.small + 2.5));
    doc.text(motto, midX, hy, { width: midW, align: 'center', lineBreak: false });
    hy += doc.currentLineHeight(true);
    this.rule(midX + midW / 2, hy + 1, doc.widthOfString(motto) / 2);
    hy += 6;
    if (m.dateLine) {
      doc.font(F.italic).fontSize(fitSize(doc, m.dateLine, midW, g.small + 0.5));
      doc.text(m.dateLine, midX, hy, { width: midW, align: 'center', lineBreak: false });
      hy += doc.currentLineHeight(true);
    }

    let qrBottom = top;
    if (qrPng && m.qr) {
      const x = this.left + this.width - g.qr;
      doc.image(qrPng, x, top, { width: g.qr, height: g.qr });
      doc.font(F.regular).fontSize(fitSize(doc, m.qr.caption, g.qr + 40, 6));
      doc.text(m.qr.caption, x - 40, top + g.qr + 1, { width: g.qr + 40, align: 'right', lineBreak: false });
      qrBottom = top + g.qr + 9;
    }
    doc.y = Math.max(leftBottom, hy, qrBottom) + 10;
  }

  titles(m: FormModel): void {
    const { doc, g } = this;
    // One line when a slightly smaller size allows it, else wrapped at full size.
    doc.font(F.bold);
    const size = fitSize(doc, m.title, this.width, g.title);
    doc.fontSize(size >= g.title - 2 ? size : g.title).text(m.title, this.left, doc.y, { width: this.width, align: 'center' });
    doc.font(F.regular).fontSize(g.body);
    for (const line of m.subtitle) doc.text(line, this.left, doc.y + 1, { width: this.width, align: 'center' });
    doc.y += 6;
    if (m.addressee) {
      doc.font(F.regular).fontSize(g.body + 0.5).text(m.addressee, this.left, doc.y, { width: this.width, align: 'center' });
      doc.y += 4;
    }
  }

  block(b: FormBlock): void {
    const { doc, g } = this;
    const opts = { width: this.width, lineGap: 1 };
    switch (b.kind) {
      case 'field': {
        doc.font(F.regular).fontSize(g.body);
        this.ensure(doc.currentLineHeight(true) + 2);
        const label = `${b.label}: `;
        if (b.value === '') {
          const dots = Math.max(3, Math.floor((this.width - doc.widthOfString(label)) / doc.widthOfString('.')) - 2);
          doc.text(label + '.'.repeat(dots), this.left, doc.y, { ...opts, lineBreak: false });
          doc.y += 2;
        } else {
          doc.text(label, this.left, doc.y, { ...opts, continued: true }).font(F.bold).text(b.value, opts);
        }
        doc.y += 1;
        return;
      }
      case 'paragraph': {
        const font = b.emphasis === 'bold' ? F.bold : b.emphasis === 'italic' ? F.italic : F.regular;
        doc.font(font).fontSize(g.body);
        this.ensure(doc.heightOfString(b.text, opts));
        doc.text(b.text, this.left, doc.y + 1, { ...opts, align: 'justify' });
        doc.y += 2;
        return;
      }
      case 'list': {
        doc.font(F.regular).fontSize(g.body);
        for (const item of b.items) {
          const o = { width: this.width - 10, lineGap: 1, align: 'justify' as const };
          this.ensure(doc.heightOfString(item, o));
          const y = doc.y;
          doc.text('-', this.left + 2, y, { lineBreak: false });
          doc.text(item, this.left + 10, y, o);
          doc.y += 1;
        }
        doc.y += 2;
        return;
      }
      case 'table':
        this.table(b);
        return;
    }
  }

  private table(t: FormTable): void {
    const { doc, g } = this;
    const size = g.body - 1;
    const pad = 2.5;
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const widths = t.columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    // A word longer than its cell (a dossier code) is printed smaller rather than broken.
    const cellSize = (text: string, font: string, w: number) => {
      doc.font(font);
      const longest = Math.max(0, ...text.split(/\s+/).map((word) => doc.fontSize(size).widthOfString(word)));
      return longest <= w ? size : Math.max(5.5, Math.floor(((size * w) / longest) * 10) / 10);
    };
    const height = (cells: readonly string[], font: string) =>
      Math.max(
        ...cells.map((c, i) => {
          const w = (widths[i] ?? 0) - 2 * pad;
          return doc.font(font).fontSize(cellSize(c, font, w)).heightOfString(c || ' ', { width: w });
        }),
      ) + 2 * pad;

    const row = (cells: readonly string[], font: string, header: boolean) => {
      const h = height(cells, font);
      const y = doc.y;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 0;
        const x = xs[i] ?? 0;
        if (header) doc.rect(x, y, w, h).fill('#eeeeee');
        doc.lineWidth(0.5).rect(x, y, w, h).stroke('black');
        doc.fillColor('black').font(font).fontSize(cellSize(c, font, w - 2 * pad));
        doc.text(c, x + pad, y + pad, { width: w - 2 * pad, align: header ? 'center' : (t.columns[i]?.align ?? 'left') });
      });
      doc.y = y + h;
    };
    const headers = t.columns.map((c) => c.header);
    this.ensure(height(headers, F.bold) + (t.rows[0] ? height(t.rows[0], F.regular) : 0));
    row(headers, F.bold, true);
    for (const cells of t.rows) {
      const h = height(cells, F.regular);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        doc.y = doc.page.margins.top;
        row(headers, F.bold, true);
      }
      row(cells, F.regular, false);
    }
    doc.x = this.left;
    doc.y += 4;
  }

  /** "Nơi nhận" (left) and signature blocks, then the footer note. */
  closing(m: FormModel): void {
    const { doc, g } = this;
    if (m.signatures.length > 0 || m.recipients) {
      const blockH = 3 * (g.body + 4) + 44;
      this.ensure(Math.max(blockH, (m.recipients?.length ?? 0) * (g.small + 3) + g.small + 10));
      const y = doc.y + 4;
      let bottom = y;
      const half = this.width / 2;
      if (m.recipients) {
        doc.font(F.bold).fontSize(g.small + 0.5).text('Nơi nhận:', this.left, y, { width: half - 8 });
        doc.font(F.regular).fontSize(g.small);
        for (const line of m.recipients) doc.text(line, this.left, doc.y, { width: half - 8 });
        bottom = Math.max(bottom, doc.y);
      }
      const slots: Array<{ x: number; w: number }> =
        m.signatures.length === 1
          ? [{ x: this.left + half, w: half }]
          : m.signatures.map((_, i) => ({ x: this.left + (i * this.width) / m.signatures.length, w: this.width / m.signatures.length }));
      m.signatures.forEach((s, i) => {
        const slot = slots[i];
        if (slot) bottom = Math.max(bottom, this.signature(s, slot.x, y, slot.w));
      });
      doc.y = bottom + 6;
    }
    if (m.footer.length > 0) {
      doc.font(F.italic).fontSize(g.small);
      this.ensure(m.footer.length * (g.small + 3));
      for (const line of m.footer) doc.text(line, this.left, doc.y, { width: this.width });
    }
  }

  private signature(s: FormSignature, x: number, y: number, w: number): number {
    const { doc, g } = this;
    doc.font(F.bold).fontSize(g.body);
    doc.y = y;
    for (const line of s.capacity) doc.text(line, x, doc.y, { width: w, align: 'center' });
    doc.font(F.italic).fontSize(g.small).text(s.hint, x, doc.y, { width: w, align: 'center' });
    const nameY = doc.y + 44;
    if (s.name) doc.font(F.bold).fontSize(g.body).text(s.name, x, nameY, { width: w, align: 'center' });
    return Math.max(doc.y, nameY + g.body);
  }

  /** "Trang i/n" at the bottom of every page when the form runs over one page. */
  pageNumbers(): void {
    const { doc, g } = this;
    const { start, count } = doc.bufferedPageRange();
    if (count < 2) return;
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(F.italic).fontSize(g.small - 1);
      doc.text(`Trang ${i - start + 1}/${count}`, this.left, doc.page.height - bottomMargin + 4, { width: this.width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottomMargin;
    }
  }

  private rule(cx: number, y: number, halfWidth: number): void {
    this.doc.lineWidth(0.6).moveTo(cx - halfWidth, y).lineTo(cx + halfWidth, y).stroke('black');
  }
}

/** The largest font size ≤ `max` at which `text` fits on one line of `width` in the current font. */
function fitSize(doc: Doc, text: string, width: number, max: number): number {
  doc.fontSize(max);
  const w = doc.widthOfString(text);
  return w <= width ? max : Math.floor(((max * width) / w) * 10) / 10;
}
