import { describe, expect, it } from '@jest/globals';
import {
  escapeText,
  foldLine,
  icsDate,
  icsDateTimeUtc,
  nextDay,
  renderCalendar,
  type CalendarOptions,
  type DeadlineEvent,
} from '../icalendar.js';
import { events, get, parseIcs, unfold, unescapeText, IcsError } from '../../../../test/helpers/ical-parser.js';

const options: CalendarOptions = {
  productId: '-//Luoshi//Deadlines//ZH',
  name: '落实 · 卫健局',
  timeZone: 'Asia/Shanghai',
  stamp: new Date('2024-02-05T01:02:03.456Z'),
  alarmDaysBefore: 3,
};
const event = (over: Partial<DeadlineEvent> = {}): DeadlineEvent => ({
  uid: 'task-12.c1@luoshi.example.gov.cn',
  date: '2024-03-31',
  summary: '年度报告 — 自治县卫生健康局',
  url: 'https://luoshi.example.gov.cn/tasks/12',
  ...over,
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines (RFC 5545 3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
  it('drops control characters other than tab and newline', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });
  it('round-trips through the reader', () => {
    const text = '第一、二条; 见 C:\\docs\n完';
    expect(unescapeText(escapeText(text))).toBe(text);
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });
  it('keeps every physical line at most 75 octets, counting the leading space', () => {
    const folded = foldLine(`DESCRIPTION:${'y'.repeat(400)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => (l.startsWith(' ') && Buffer.byteLength(l) === 75) || l === folded.split('\r\n').at(-1)),
    ).toBe(true);
  });
  it('never splits a multi-byte character (3-octet CJK, 4-octet emoji)', () => {
    for (const prefix of ['SUMMARY:', 'SUMMARY:a', 'SUMMARY:ab']) {
      const line = `${prefix}${'妇女儿童发展规划'.repeat(12)}😀𠀋`;
      const folded = foldLine(line);
      const physical = folded.split('\r\n');
      expect(physical.length).toBeGreaterThan(3);
      for (const p of physical) {
        expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
        // A split character would decode to U+FFFD.
        expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
        expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
      expect(physical.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    }
  });
  it('unfolding restores the text exactly', () => {
    const line = `DESCRIPTION:${escapeText('说明：'.repeat(40) + '\n第二行, 含; 符号')}`;
    expect(unfold(`${foldLine(line)}\r\n`)).toEqual([line]);
  });
});

describe('dates', () => {
  it('formats dates and the exclusive end of an all-day event', () => {
    expect(icsDate('2024-03-31')).toBe('20240331');
    expect(nextDay('2024-03-31')).toBe('2024-04-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2023-12-31')).toBe('2024-01-01');
    expect(icsDateTimeUtc(new Date('2024-02-05T01:02:03.456Z'))).toBe('20240205T010203Z');
  });
  it('refuses what is not a calendar date', () => {
    expect(() => icsDate('2024-02-30')).toThrow(RangeError);
    expect(() => icsDate('20240230')).toThrow(RangeError);
  });
});

describe('renderCalendar', () => {
  it('writes a calendar the RFC 5545 reader accepts: CRLF, folded, required properties, VALUE=DATE', () => {
    const text = renderCalendar(
      [
        event(),
        event({
          uid: 'task-13.c1@luoshi.example.gov.cn',
          date: '2024-12-31',
          summary: '监测数据, 第1条; 含\\反斜杠',
          description: '第一行\n第二行'.repeat(20),
        }),
      ],
      options,
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const cal = parseIcs(text);
    expect(get(cal, 'VERSION')).toBe('2.0');
    expect(get(cal, 'PRODID')).toBe('-//Luoshi//Deadlines//ZH');
    expect(get(cal, 'X-WR-CALNAME')).toBe('落实 · 卫健局');
    const [a, b] = events(cal);
    expect(events(cal)).toHaveLength(2);
    expect(a!.props.find((p) => p.name === 'DTSTART')).toEqual({
      name: 'DTSTART',
      params: { VALUE: 'DATE' },
      raw: '20240331',
    });
    expect(a!.props.find((p) => p.name === 'DTEND')).toEqual({
      name: 'DTEND',
      params: { VALUE: 'DATE' },
      raw: '20240401',
    });
    expect(get(a!, 'DTSTAMP')).toBe('20240205T010203Z');
    expect(get(a!, 'URL')).toBe('https://luoshi.example.gov.cn/tasks/12');
    expect(get(b!, 'SUMMARY')).toBe('监测数据, 第1条; 含\\反斜杠');
    expect(get(b!, 'DESCRIPTION')).toBe('第一行\n第二行'.repeat(20));
    expect(get(b!, 'UID')).toBe('task-13.c1@luoshi.example.gov.cn');
  });

  it('adds a display alarm the configured days before, or none', () => {
    const withAlarm = events(parseIcs(renderCalendar([event()], options)))[0]!;
    const alarm = withAlarm.children.find((c) => c.type === 'VALARM')!;
    expect(get(alarm, 'ACTION')).toBe('DISPLAY');
    expect(get(alarm, 'TRIGGER')).toBe('-P3D');
    expect(get(alarm, 'DESCRIPTION')).toBe('年度报告 — 自治县卫生健康局');
    expect(
      get(events(parseIcs(renderCalendar([event()], { ...options, alarmDaysBefore: 0 })))[0]!.children[0]!, 'TRIGGER'),
    ).toBe('PT0S');
    expect(events(parseIcs(renderCalendar([event()], { ...options, alarmDaysBefore: null })))[0]!.children).toEqual([]);
  });

  it('is stable: the same tasks give the same text (UIDs and all)', () => {
    expect(renderCalendar([event()], options)).toBe(renderCalendar([event()], options));
  });

  it('writes an empty calendar when nothing is open', () => {
    const cal = parseIcs(renderCalendar([], options));
    expect(events(cal)).toEqual([]);
  });

  it('keeps a line break in a summary from starting a new property', () => {
    const text = renderCalendar([event({ summary: '标题\r\nX-INJECTED:1' })], options);
    expect(text).not.toMatch(/\r\nX-INJECTED/);
    expect(get(events(parseIcs(text))[0]!, 'SUMMARY')).toBe('标题\nX-INJECTED:1');
  });
});

describe('the test reader itself', () => {
  it('refuses LF line ends, long lines, unescaped commas, DTEND before DTSTART and missing UIDs', () => {
    const good = renderCalendar([event()], options);
    expect(() => parseIcs(good.replace(/\r\n/g, '\n'))).toThrow(IcsError);
    expect(() => parseIcs(good.replace('SUMMARY:', `SUMMARY:${'x'.repeat(80)}`))).toThrow(/octets/);
    expect(() => parseIcs(good.replace('SUMMARY:', 'SUMMARY:a,b'))).toThrow(/unescaped/);
    expect(() => parseIcs(good.replace('DTEND;VALUE=DATE:20240401', 'DTEND;VALUE=DATE:20240331'))).toThrow(/DTEND/);
    expect(() => parseIcs(good.replace(/UID:[^\r]*\r\n/, ''))).toThrow(/UID/);
    expect(() => parseIcs(good.replace('DTSTART;VALUE=DATE:20240331', 'DTSTART;VALUE=DATE:2024033'))).toThrow(
      /YYYYMMDD/,
    );
  });
});
