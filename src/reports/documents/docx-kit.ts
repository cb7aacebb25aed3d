/**
 * The house style of the office's Word documents (公文-like): A4, 仿宋 body and 黑体 headings
 * (three-号 body, 28-point line spacing), page numbers "— N —" centred in the footer, all text
 * editable (no images). Pure: blocks in, a .docx buffer out.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx';
import JSZip from 'jszip';

/**
 * East Asian font names as Word and WPS know them, first choice first. A run names one font;
 * the others go into the font table as alternates (w:altName), which Word and WPS use when the
 * first is not installed (仿宋_GB2312 on older government PCs, 仿宋/FangSong on newer ones).
 */
export const BODY_FONTS = ['仿宋_GB2312', '仿宋', 'FangSong', 'SimSun'] as const;
export const HEADING_FONTS = ['黑体', 'SimHei', 'Microsoft YaHei'] as const;
const LATIN_FONT = 'Times New Roman';

/** Half-points: 三号 16pt body, 二号 22pt title. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;
const TABLE_SIZE = 24;

const bodyFont = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: BODY_FONTS[0], cs: LATIN_FONT };
const headingFont = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: HEADING_FONTS[0], cs: LATIN_FONT };

export type Block = FileChild;

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 240 },
    children: [new TextRun({ text, font: headingFont, size: TITLE_SIZE, bold: true })],
  });
}

export function centred(text: string, opts: { heading?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [new TextRun({ text, font: opts.heading ? headingFont : bodyFont, size: BODY_SIZE })],
  });
}

/** A 黑体 heading ("一、…"). */
export function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 200, after: 80 },
    indent: { firstLine: 640 },
    keepNext: true,
    children: [new TextRun({ text, font: headingFont, size: BODY_SIZE })],
  });
}

/** A body paragraph, first line indented two characters. */
export function para(
  text: string,
  opts: { indent?: boolean; bold?: boolean; align?: 'right' | 'left' } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' as never },
    children: [new TextRun({ text, font: bodyFont, size: BODY_SIZE, bold: opts.bold })],
  });
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A full-width table; the first row is the header (repeated on every page). */
export function table(headers: string[], rows: string[][], widths?: number[]): Table {
  const cell = (text: string, header: boolean, i: number) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      ...(widths?.[i] ? { width: { size: widths[i]!, type: WidthType.PERCENTAGE } } : {}),
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: [new TextRun({ text: line, font: header ? headingFont : bodyFont, size: TABLE_SIZE })],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, false, i)) })),
    ],
  });
}

/** The signature block: office name and date, right-aligned. */
export function signature(officeName: string, date: string): Paragraph[] {
  return [
    para('', { indent: false }),
    para(officeName, { indent: false, align: 'right' }),
    para(chineseDate(date), { indent: false, align: 'right' }),
  ];
}

/** 2024-02-05 → 2024年2月5日. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** 0.6667 → "66.7%", null → "—". */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

/** Packs the blocks as an A4 document with page numbers in the footer. */
export async function toDocx(blocks: Block[], meta: { title: string; creator: string }): Promise<Buffer> {
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    styles: { default: { document: { run: { font: bodyFont, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          // A4, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, footer: 1134 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: bodyFont, size: 28 })],
              }),
            ],
          }),
        },
        children: blocks,
      },
    ],
  });
  return withFontAlternates(await Packer.toBuffer(doc));
}

/** Declares the fonts with their alternates in word/fontTable.xml (see BODY_FONTS). */
async function withFontAlternates(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const path = 'word/fontTable.xml';
  const xml = await zip.file(path)?.async('string');
  if (!xml) return docx;
  const font = (names: readonly string[], family: string) =>
    `<w:font w:name="${names[0]}"><w:altName w:val="${names.slice(1).join(',')}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="fixed"/></w:font>`;
  const added = font(BODY_FONTS, 'modern') + font(HEADING_FONTS, 'modern');
  const patched = xml.includes('</w:fonts>')
    ? xml.replace('</w:fonts>', `${added}</w:fonts>`)
    : xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${added}</w:fonts>`);
  zip.file(path, patched);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
