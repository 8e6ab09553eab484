import { conflict } from '@district/common';

/**
 * A closed loop (议题 raised → in hand → closed; 需求 raised → claimed → served → fed back; issues
 * reported → dispatched → resolved → fed back): a record moves one step at a time, in order. Asking
 * for a step its current state does not allow is CONFLICT, in every subgraph alike: the request is
 * well-formed, the record's state refuses it.
 */
export interface Loop<S extends string> {
  /** the states in order */
  states: readonly S[];
  /** labels for messages, Chinese / English */
  labels: Record<S, string>;
  /** what the record is called, for messages */
  what: string;
}

export function defineLoop<S extends string>(loop: Loop<S>): Loop<S> {
  return loop;
}

/** The state after `from` on the way to `to`, or CONFLICT naming where the record stands. */
export function assertStep<S extends string>(loop: Loop<S>, current: S, to: S): void {
  const i = loop.states.indexOf(current);
  const j = loop.states.indexOf(to);
  if (j !== i + 1) {
    throw conflict(
      `${loop.what}当前为“${loop.labels[current]}”，不能转为“${loop.labels[to]}” / a ${current} record cannot become ${to}: the next step is ${
        loop.states[i + 1] ?? 'none (the loop is closed)'
      }`,
    );
  }
}

/** Whether a record has reached (or passed) a state. */
export function reached<S extends string>(loop: Loop<S>, current: S, state: S): boolean {
  return loop.states.indexOf(current) >= loop.states.indexOf(state);
}
