/**
 * A strict reader of iCalendar text for tests: checks the RFC 5545 rules the feed must keep
 * (CRLF line ends, physical lines of at most 75 octets, valid content lines, nested components,
 * required properties, VALUE=DATE dates) and returns the components with unfolded, unescaped values.
 */
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  /** Raw value (escapes kept). */
  raw: string;
}

export interface IcsComponent {
  type: string;
  props: IcsProperty[];
  children: IcsComponent[];
}

export class IcsError extends Error {}

export function unescapeText(raw: string): string {
  return raw.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Physical lines → content lines (RFC 5545 §3.1); throws on a rule broken. */
export function unfold(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new IcsError('the text does not end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  physical.forEach((line, i) => {
    if (/[\r\n]/.test(line)) throw new IcsError(`line ${i + 1} holds a bare CR or LF`);
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) throw new IcsError(`line ${i + 1} is ${octets} octets long (max 75)`);
    if (line.includes('\uFFFD')) throw new IcsError(`line ${i + 1} holds a broken character`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (logical.length === 0) throw new IcsError('the first line is a continuation');
      logical[logical.length - 1] += line.slice(1);
    } else logical.push(line);
  });
  return logical;
}

const NAME = /^[A-Za-z0-9-]+$/;

export function parseLine(line: string): IcsProperty {
  // name *(";" param) ":" value; a quoted param value may hold ':' and ';'.
  let i = 0;
  const readName = () => {
    const start = i;
    while (i < line.length && /[A-Za-z0-9-]/.test(line[i]!)) i++;
    return line.slice(start, i);
  };
  const name = readName();
  if (!NAME.test(name)) throw new IcsError(`bad property name in "${line}"`);
  const params: Record<string, string> = {};
  while (line[i] === ';') {
    i++;
    const key = readName();
    if (!key || line[i] !== '=') throw new IcsError(`bad parameter in "${line}"`);
    i++;
    let value: string;
    if (line[i] === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) throw new IcsError(`unterminated quote in "${line}"`);
      value = line.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      while (i < line.length && line[i] !== ';' && line[i] !== ':') i++;
      value = line.slice(start, i);
    }
    params[key.toUpperCase()] = value;
  }
  if (line[i] !== ':') throw new IcsError(`no ':' after the name in "${line}"`);
  return { name: name.toUpperCase(), params, raw: line.slice(i + 1) };
}

const REQUIRED: Record<string, string[]> = {
  VCALENDAR: ['VERSION', 'PRODID'],
  VEVENT: ['UID', 'DTSTAMP', 'DTSTART'],
  VALARM: ['ACTION', 'TRIGGER'],
};
const ONCE: Record<string, string[]> = {
  VCALENDAR: ['VERSION', 'PRODID', 'CALSCALE', 'METHOD'],
  VEVENT: ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'URL'],
  VALARM: ['ACTION', 'TRIGGER'],
};

function dateOf(prop: IcsProperty, where: string): string {
  if (prop.params.VALUE === 'DATE') {
    if (!/^\d{8}$/.test(prop.raw))
      throw new IcsError(`${where}: ${prop.name} with VALUE=DATE is not YYYYMMDD: ${prop.raw}`);
    const iso = `${prop.raw.slice(0, 4)}-${prop.raw.slice(4, 6)}-${prop.raw.slice(6)}`;
    if (new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso)
      throw new IcsError(`${where}: ${prop.raw} is no calendar date`);
    return iso;
  }
  if (!/^\d{8}T\d{6}Z?$/.test(prop.raw)) throw new IcsError(`${where}: ${prop.name} is not a DATE-TIME: ${prop.raw}`);
  return prop.raw;
}

function check(c: IcsComponent): void {
  for (const req of REQUIRED[c.type] ?? [])
    if (!c.props.some((p) => p.name === req)) throw new IcsError(`${c.type} lacks ${req}`);
  for (const once of ONCE[c.type] ?? [])
    if (c.props.filter((p) => p.name === once).length > 1) throw new IcsError(`${c.type} has ${once} twice`);
  if (c.type === 'VCALENDAR' && get(c, 'VERSION') !== '2.0') throw new IcsError('VERSION is not 2.0');
  if (c.type === 'VEVENT') {
    const uid = get(c, 'UID')!;
    const stamp = c.props.find((p) => p.name === 'DTSTAMP')!;
    if (!/^\d{8}T\d{6}Z$/.test(stamp.raw))
      throw new IcsError(`VEVENT ${uid}: DTSTAMP is not UTC date-time: ${stamp.raw}`);
    const start = c.props.find((p) => p.name === 'DTSTART')!;
    const end = c.props.find((p) => p.name === 'DTEND');
    const s = dateOf(start, `VEVENT ${uid}`);
    if (end) {
      if ((end.params.VALUE === 'DATE') !== (start.params.VALUE === 'DATE'))
        throw new IcsError(`VEVENT ${uid}: DTSTART and DTEND differ in type`);
      if (dateOf(end, `VEVENT ${uid}`) <= s) throw new IcsError(`VEVENT ${uid}: DTEND is not after DTSTART`);
    }
  }
  if (c.type === 'VALARM') {
    if (get(c, 'ACTION') === 'DISPLAY' && !c.props.some((p) => p.name === 'DESCRIPTION'))
      throw new IcsError('a DISPLAY VALARM lacks DESCRIPTION');
    if (!/^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/.test(get(c, 'TRIGGER')!))
      throw new IcsError(`VALARM TRIGGER is no duration: ${get(c, 'TRIGGER')}`);
  }
  for (const p of c.props) {
    if (['SUMMARY', 'DESCRIPTION', 'UID', 'X-WR-CALNAME', 'PRODID'].includes(p.name)) checkText(p);
  }
  c.children.forEach(check);
}

/** A TEXT value: a backslash escapes only \\ ; , n N, and , ; appear only escaped (RFC 5545 3.3.11). */
function checkText(p: IcsProperty): void {
  for (let i = 0; i < p.raw.length; i++) {
    const ch = p.raw[i];
    if (ch === '\\') {
      if (!'\\;,nN'.includes(p.raw[i + 1] ?? 'x')) throw new IcsError(`${p.name} holds a bad escape: ${p.raw}`);
      i++;
    } else if (ch === ',' || ch === ';') throw new IcsError(`${p.name} holds an unescaped , or ;: ${p.raw}`);
  }
}

/** The value of a property (unescaped TEXT), or undefined. */
export function get(c: IcsComponent, name: string): string | undefined {
  const p = c.props.find((x) => x.name === name);
  return p ? unescapeText(p.raw) : undefined;
}

export function parseIcs(text: string): IcsComponent {
  const lines = unfold(text);
  const stack: IcsComponent[] = [];
  let root: IcsComponent | null = null;
  for (const line of lines) {
    const prop = parseLine(line);
    if (prop.name === 'BEGIN') {
      const c: IcsComponent = { type: prop.raw.toUpperCase(), props: [], children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(c);
      else if (root) throw new IcsError('a second top-level component');
      else root = c;
      stack.push(c);
    } else if (prop.name === 'END') {
      const open = stack.pop();
      if (!open || open.type !== prop.raw.toUpperCase())
        throw new IcsError(`END:${prop.raw} does not close ${open?.type ?? 'anything'}`);
    } else {
      if (!stack.length) throw new IcsError(`property outside a component: ${line}`);
      stack[stack.length - 1]!.props.push(prop);
    }
  }
  if (stack.length || !root) throw new IcsError('components left open');
  if (root.type !== 'VCALENDAR') throw new IcsError('the top component is not VCALENDAR');
  check(root);
  return root;
}

export function events(cal: IcsComponent): IcsComponent[] {
  return cal.children.filter((c) => c.type === 'VEVENT');
}
