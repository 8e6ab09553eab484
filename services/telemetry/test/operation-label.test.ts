import { MAX_OPERATION_LABELS, operationForLog, operationLabel, registerOperationNames } from '../src/metrics';
import { requestIdFrom } from '../src/request-id';

/**
 * What a client chooses (operation names, request ids) is bounded before it labels a metric or
 * enters a log line: a process has at most MAX_OPERATION_LABELS names of its own plus the registered
 * operations', and nothing shaped like an ID number or phone is written raw.
 */
test('operation names label metrics as themselves up to the cap, then as "other"; registered names always', () => {
  registerOperationNames(['AnnualReport']);
  for (let i = 0; i < MAX_OPERATION_LABELS; i++) expect(operationLabel(`Probe${i}`)).toBe(`Probe${i}`);
  expect(operationLabel('Probe0')).toBe('Probe0'); // seen before: still its own
  expect(operationLabel('OneMore')).toBe('other');
  expect(operationLabel('AnnualReport')).toBe('AnnualReport');
  expect(operationLabel('not a name')).toBe('invalid');
  expect(operationLabel(null)).toBe('-');
});

test('a name holding an ID number or a phone is "other" in metrics and masked in logs', () => {
  expect(operationLabel('Q410106196102083685')).toBe('other');
  expect(operationForLog('Q410106196102083685')).toBe('Q410106********3685');
  expect(operationForLog('Call13912345678')).toBe('Call139****5678');
  expect(operationForLog('SpotCheck')).toBe('SpotCheck');
});

test('a request id is kept only when it looks like one and not like personal data', () => {
  expect(requestIdFrom('ops-spot-check-1')).toBe('ops-spot-check-1');
  expect(requestIdFrom('3f2c1a9e-6a47-4c1b-9a9e-0c8f1d2b7e11')).toBe('3f2c1a9e-6a47-4c1b-9a9e-0c8f1d2b7e11');
  for (const bad of ['410106196102083685', 'id-13912345678', 'short', 'a'.repeat(65), 'has space in it', 'dots.are.out'])
    expect(requestIdFrom(bad)).not.toBe(bad);
});
