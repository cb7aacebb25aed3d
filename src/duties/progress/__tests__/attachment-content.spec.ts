import { describe, expect, it } from '@jest/globals';
import { contentCheck } from '../attachments.service.js';
import { docxBomb, docxOf, xlsxOf } from '../../../../test/helpers/zip-builder.js';

const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`);
const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00'),
  Buffer.alloc(60),
  Buffer.from('This program cannot be run in DOS mode.\r\n'),
  Buffer.alloc(200),
]);

describe('attachments: the container against the declared type', () => {
  it('a PDF needs its header and its %%EOF trailer, and carries no executable', () => {
    expect(contentCheck('pdf', pdf('1 0 obj << >> endobj'))).toBeNull();
    expect(contentCheck('pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), EXE]))).toBe(
      'the file contains an executable program',
    );
    expect(contentCheck('pdf', Buffer.from('%PDF-1.4\n1 0 obj'))).toBe(
      'the content is not a complete PDF (no %%EOF trailer)',
    );
    expect(contentCheck('pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), EXE, Buffer.from('\n%%EOF\n')]))).toBe(
      'the file contains an executable program',
    );
    expect(
      contentCheck(
        'pdf',
        Buffer.concat([
          Buffer.from('%PDF-1.4\n'),
          Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]),
          Buffer.from('\n%%EOF\n'),
        ]),
      ),
    ).toBe('the file contains an executable program');
  });

  it('an Office file must hold its own main part: an .xlsx renamed .docx is refused, and the other way round', () => {
    expect(contentCheck('docx', docxOf(['年度报告']))).toBeNull();
    expect(contentCheck('xlsx', xlsxOf([['a']]))).toBeNull();
    expect(contentCheck('docx', xlsxOf([['a']]))).toBe(
      'the content is not a .docx file (the archive has no word/document.xml)',
    );
    expect(contentCheck('xlsx', docxOf(['x']))).toBe(
      'the content is not a .xlsx file (the archive has no xl/workbook.xml)',
    );
    expect(contentCheck('pptx', docxOf(['x']))).toBe(
      'the content is not a .pptx file (the archive has no ppt/presentation.xml)',
    );
  });

  it('an Office attachment is held to the archive limits', () => {
    expect(contentCheck('docx', docxBomb(60))).toBe(
      '压缩包中的 word/document.xml 解压后为 60.0 MB，超过单个条目上限 50.0 MB。Entry word/document.xml expands to 60.0 MB; the limit per entry is 50.0 MB.',
    );
    expect(contentCheck('docx', Buffer.from('PK\u0003\u0004broken'))).toMatch(/not a valid ZIP\/Office archive/);
  });
});
