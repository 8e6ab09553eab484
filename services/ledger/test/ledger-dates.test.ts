import { parseDate, readDate } from '../src';

describe('parseDate', () => {
  test.each([
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025/03/01', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['2025年12月31日', '2025-12-31'],
    ['20250301', '2025-03-01'],
    [' 2025-03-01\u3000', '2025-03-01'],
    ['２０２５－０３－０１', '2025-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['2025-03-01 14:22', '2025-03-01T14:22:00+08:00'],
    ['2025/3/1 9:05:00', '2025-03-01T09:05:00+08:00'],
    ['2025年3月1日 9:05', '2025-03-01T09:05:00+08:00'],
    ['2025-03-01T06:22:00Z', '2025-03-01T14:22:00+08:00'],
    ['2025-02-28T20:00:00+00:00', '2025-03-01T04:00:00+08:00'],
  ])('%j → %s', (text, want) => {
    expect(parseDate(text)).toBe(want);
  });

  test('Excel date cells (UTC fields hold the wall clock) and serial numbers', () => {
    expect(parseDate(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03-01');
    expect(parseDate(new Date(Date.UTC(2025, 2, 1, 14, 22)))).toBe('2025-03-01T14:22:00+08:00');
    expect(parseDate(new Date(Date.UTC(2025, 2, 1, 14, 21, 59, 999)))).toBe('2025-03-01T14:22:00+08:00'); // float noise
    expect(parseDate(45717)).toBe('2025-03-01');
    expect(parseDate(45717.5)).toBe('2025-03-01T12:00:00+08:00');
    expect(parseDate(61)).toBe('1900-03-01');
    expect(parseDate(20250301)).toBe('2025-03-01');
  });

  test('blank is null', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate('')).toBeNull();
    expect(parseDate(' \u3000')).toBeNull();
  });

  test.each([
    ['2025-02-30', '不是有效日期 / no such date'],
    ['2025-13-45', '不是有效日期 / no such date'],
    ['2023-02-29', '不是有效日期 / no such date'],
    ['2025年2月30日', '不是有效日期 / no such date'],
    ['1899-12-31', '年份超出1900–2100 / year outside 1900–2100'],
    ['2025-03-01 25:00', '不是有效时间 / no such time'],
    ['2025-3/1', '无法识别的日期 / not a date'],
    ['25/3/1', '无法识别的日期 / not a date'],
    ['明天', '无法识别的日期 / not a date'],
    ['2025-03-01 下午', '无法识别的日期 / not a date'],
    [3, '无法识别的日期 / not a date'],
    [Number.NaN, '无法识别的日期 / not a date'],
  ])('%j is invalid: %s', (cell, problem) => {
    expect(parseDate(cell)).toBe('invalid');
    expect(readDate(cell)).toEqual({ problem });
  });

  test('no drift with the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect([parseDate('2025/3/1'), parseDate(new Date(Date.UTC(2025, 2, 1))), parseDate('2025-03-01 23:30')]).toEqual([
          '2025-03-01',
          '2025-03-01',
          '2025-03-01T23:30:00+08:00',
        ]);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
