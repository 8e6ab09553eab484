import { listOf } from '../src';

test('a list cell is read with the separators offices use, trimmed, without empty items or repeats', () => {
  expect(listOf('410106003001、410106003002')).toEqual(['410106003001', '410106003002']);
  expect(listOf(' A ；B; C，D,E\nF、、A ')).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  expect(listOf('')).toEqual([]);
  expect(listOf(null)).toEqual([]);
  expect(listOf(undefined)).toEqual([]);
});
