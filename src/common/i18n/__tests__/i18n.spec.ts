import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localeFromAcceptLanguage, localeFromEnv } from '../locale.js';
import { validationProblem } from '../validation-messages.js';
import { ERROR_CODES, errorMessage } from '../error-codes.js';

describe('locale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5,zh;q=0.9', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['fr,en;q=0.3', 'en'],
    ['en;q=0', 'zh-CN'],
    ['EN-gb', 'en'],
  ])('Accept-Language %p → %s', (header, locale) => expect(localeFromAcceptLanguage(header)).toBe(locale));

  it.each([
    [{}, 'zh-CN'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LUOSHI_LANG: 'en', LANG: 'zh_CN.UTF-8' }, 'en'],
    [{ LUOSHI_LANG: 'zh-CN', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [{ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN' }, 'en'],
  ])('environment %p → %s', (env, locale) => expect(localeFromEnv(env)).toBe(locale));
});

describe('class-validator messages', () => {
  it('says "must be a number" in the asked language, not "conforming to the specified constraints"', () => {
    const raw = 'value must be a number conforming to the specified constraints';
    expect(validationProblem('isNumber', 'indicatorValues[0].value', raw, 'zh-CN')).toBe('value必须是数字');
    expect(validationProblem('isNumber', 'indicatorValues[0].value', raw, 'en')).toBe('value must be a number');
  });

  it('keeps the constraint values', () => {
    expect(validationProblem('min', 'pageSize', 'pageSize must not be less than 1', 'zh-CN')).toBe('pageSize不能小于1');
    expect(validationProblem('max', 'pageSize', 'pageSize must not be greater than 200', 'en')).toBe(
      'pageSize must not be greater than 200',
    );
    expect(
      validationProblem('isIn', 'kind', 'kind must be one of the following values: women, children, other', 'zh-CN'),
    ).toBe('kind必须是以下之一：women, children, other');
    expect(
      validationProblem(
        'isLength',
        'name',
        'name must be longer than or equal to 1 and shorter than or equal to 200 characters',
        'zh-CN',
      ),
    ).toBe('name的长度必须在1–200个字符之间');
    expect(validationProblem('somethingNew', 'x', 'x is odd', 'en')).toBe('x is odd');
    expect(validationProblem('somethingNew', 'x', 'x is odd', 'zh-CN')).toBe('x的值无效');
  });
});

describe('error codes', () => {
  it('every error code the source raises is in the catalogue, with both languages', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) {
          if (e !== '__tests__') walk(p);
        } else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(
        /(?:AppError\(\d+, |ConflictError\(|BadRequestError\()'([A-Z][A-Z_]+)'/g,
      ))
        used.add(m[1]!);
    }
    const missing = [...used].filter((c) => !(c in ERROR_CODES)).sort();
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(40);
  });

  it('Chinese from the catalogue with the parameters; English keeps the specific sentence', () => {
    expect(errorMessage('NOT_FOUND', 'zh-CN', 'Plan 9 does not exist', { what: 'Plan', id: 9 })).toBe('规划 9 不存在');
    expect(errorMessage('NOT_FOUND', 'en', 'Plan 9 does not exist', { what: 'Plan', id: 9 })).toBe(
      'Plan 9 does not exist',
    );
    expect(errorMessage('VERSION_CONFLICT', 'zh-CN', 'x', { expectedVersion: 1, currentVersion: 2 })).toBe(
      '该记录已被他人修改（当前版本 2，你提交的是 1），请刷新后重试',
    );
    expect(errorMessage('INVALID_TRANSITION', 'zh-CN', 'x', { allowed: ['submit', 'cancel'] })).toBe(
      '当前状态下不能执行该操作；现在可以：submit、cancel',
    );
  });
});
