import JSZip from 'jszip';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of one part: each paragraph (w:p) on its own line, its runs (w:t) joined. */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join(''),
  );
}

/** Opens a generated .docx as Word would: the body's paragraphs, the raw parts for layout checks. */
export async function readDocx(
  body: Buffer | Uint8Array,
): Promise<{ paragraphs: string[]; text: string; documentXml: string; footers: string[]; fontTable: string }> {
  const zip = await JSZip.loadAsync(body);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const footers = await Promise.all(zip.file(/^word\/footer\d*\.xml$/).map((f) => f.async('string')));
  const fontTable = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  const paragraphs = paragraphsOf(documentXml);
  return { paragraphs, text: paragraphs.join('\n'), documentXml, footers, fontTable };
}
