import JSZip from 'jszip';

/** A table cell: its paragraphs, and how it is merged (gridSpan across, vMerge down). */
export interface DocxCell {
  paragraphs: string[];
  span?: number;
  merge?: 'restart' | 'continue';
}

export type DocxCellInput = string | string[] | DocxCell;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const para = (s: string) =>
  `<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${esc(s)}</w:t></w:r></w:p>`;

function cellXml(input: DocxCellInput): string {
  const c: DocxCell =
    typeof input === 'string' ? { paragraphs: [input] } : Array.isArray(input) ? { paragraphs: input } : input;
  const props = `<w:tcPr><w:tcW w:w="2000" w:type="dxa"/>${c.span ? `<w:gridSpan w:val="${c.span}"/>` : ''}${c.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.merge === 'continue' ? '<w:vMerge/>' : ''}</w:tcPr>`;
  const body = c.paragraphs.length ? c.paragraphs.map(para).join('') : '<w:p/>';
  return `<w:tc>${props}${body}</w:tc>`;
}

/**
 * A minimal Word document (what Word itself writes, trimmed): title paragraphs, then one table.
 * Built here because no real task-division .docx may be shipped with the tests.
 */
export async function docxWithTable(title: string[], rows: DocxCellInput[][], after: string[] = []): Promise<Buffer> {
  const width = Math.max(
    ...rows.map((r) =>
      r.reduce<number>((n, c) => n + (typeof c === 'object' && !Array.isArray(c) ? (c.span ?? 1) : 1), 0),
    ),
  );
  const grid = `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(width)}</w:tblGrid>`;
  const table = `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>${grid}${rows
    .map((r) => `<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>${r.map(cellXml).join('')}</w:tr>`)
    .join('')}</w:tbl>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${title.map(para).join('')}${table}${after.map(para).join('')}<w:sectPr/></w:body></w:document>`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', document);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
