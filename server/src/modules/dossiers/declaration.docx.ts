import type { Paragraph } from 'docx';
import { loadDocx } from '../../platform/libraries.js';
import type { FormModel } from '../forms/forms.contract.js';

const FONT = 'Times New Roman';

/**
 * The form model as an editable Word document (the citizen or the officer may still correct it before signing):
 * national heading, title, addressee, one line per field ("Label: value", dotted when blank), the signature block.
 * Times New Roman 13 pt, as Nghị định 30/2020/NĐ-CP prescribes for administrative documents.
 */
export async function renderDocx(m: FormModel): Promise<Buffer> {
  const { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await loadDocx();
  const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: o.size ?? 26, bold: o.bold, italics: o.italics });
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const heading = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 35, type: WidthType.PERCENTAGE }, borders: noBorders, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(m.formNumber, { italics: true, size: 22 })] })] }),
          new TableCell({
            width: { size: 65, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [run(m.nationalHeading[0], { bold: true, size: 24 })] }),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [run(m.nationalHeading[1], { bold: true })] }),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [run('───────────', { size: 20 })] }),
              ...(m.dateLine ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(m.dateLine, { italics: true })] })] : []),
            ],
          }),
        ],
      }),
    ],
  });
  const body: Paragraph[] = [];
  for (const b of m.body) {
    switch (b.kind) {
      case 'field':
        body.push(new Paragraph({ spacing: { after: 80 }, children: [run(`${b.label}: `), run(b.value || '…………………………………………………………', { bold: !!b.value })] }));
        break;
      case 'paragraph':
        body.push(new Paragraph({ spacing: { before: 120, after: 80 }, children: [run(b.text, { bold: b.emphasis === 'bold', italics: b.emphasis === 'italic' })] }));
        break;
      case 'list':
        for (const item of b.items) body.push(new Paragraph({ children: [run(`- ${item}`)] }));
        break;
      case 'table':
        for (const row of b.rows) body.push(new Paragraph({ children: [run(row.join(' | '))] }));
        break;
    }
  }
  const signature = m.signatures.flatMap((s) => [
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240 }, children: s.capacity.map((c) => run(c, { bold: true })) }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(s.hint, { italics: true })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 960 }, children: [run(s.name, { bold: true })] }),
  ]);
  const doc = new Document({
    creator: 'Một Cửa',
    title: `${m.title} — ${m.subtitle.join(' ')}`,
    sections: [
      {
        children: [
          heading,
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(m.title, { bold: true, size: 28 })] }),
          ...m.subtitle.map((s) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(s, { bold: true })] })),
          ...(m.addressee ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200 }, children: [run(m.addressee)] })] : []),
          ...body,
          ...signature,
          ...m.footer.map((f) => new Paragraph({ spacing: { before: 240 }, children: [run(f, { italics: true, size: 20 })] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
