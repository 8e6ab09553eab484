import { halfWidthAlnum, lengthProblem, stripCodeSpaces, type CodeProblem } from './problem';

/** 11 digits without spaces or dashes; a +86 / 0086 country prefix is dropped. */
export function normaliseMobile(s: string): string {
  return halfWidthAlnum(stripCodeSpaces(s))
    .replace(/-/g, '')
    .replace(/^(\+86|0086)/, '');
}

/** The problem with a mainland mobile number, or null when valid. Never quotes the number. */
export function mobileProblem(s: string): CodeProblem | null {
  const n = normaliseMobile(s);
  if (!/^\d*$/.test(n)) return { kind: 'format', reason: '手机号应为数字 / digits only' };
  if (n.length !== 11) return lengthProblem(n.length, 11);
  if (!/^1[3-9]\d{9}$/.test(n)) return { kind: 'format', reason: '手机号应以13–19开头 / must start with 13–19' };
  return null;
}

export function checkMobile(s: string): string | null {
  return mobileProblem(s)?.reason ?? null;
}
