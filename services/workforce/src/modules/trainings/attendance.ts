import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '@district/common';
import { Training, TrainingAttendance } from './training.entity';

/** One worker's time in service: from the hire day until the leaving day (not counted), open when still in post. */
export interface Service {
  hiredOn: string;
  leftOn?: string | null;
}

const outside = (startOn: string, s: Service) => startOn < s.hiredOn || (!!s.leftOn && s.leftOn <= startOn);

/**
 * Attendance is recorded only for sessions that began while the worker served (recordTrainingAttendance
 * refuses the rest). A correction of a hire or leaving day, a release, or a session's corrected first
 * day must not make an attendance already recorded implausible: the sessions it would put outside
 * the worker's service are refused (CONFLICT on `field`). Ledger rows that were outside already (the
 * ledgers hold training before the job began) are left as they were, not held against the change.
 */
export async function assertAttendanceInService(
  em: EntityManager,
  rows: { workerId: string; before: Service; after: Service }[],
  field: string,
  sessions?: { before: Map<string, string>; after: Map<string, string> },
): Promise<void> {
  if (!rows.length) return;
  const attendance = await em.find(TrainingAttendance, { workerId: { $in: rows.map((r) => r.workerId) } });
  if (!attendance.length) return;
  const trainings = await em.find(Training, { id: { $in: [...new Set(attendance.map((a) => a.trainingId))] } });
  const startOf = new Map(trainings.map((t) => [t.id, t.startOn]));
  for (const a of attendance) {
    const start = startOf.get(a.trainingId);
    const row = rows.find((r) => r.workerId === a.workerId);
    if (!start || !row) continue; // a withdrawn session's attendance counts nowhere
    const startBefore = sessions?.before.get(a.trainingId) ?? start;
    const startAfter = sessions?.after.get(a.trainingId) ?? start;
    if (outside(startAfter, row.after) && !outside(startBefore, row.before)) {
      throw conflict(
        `该工作人员已签到的培训（${a.trainingId}，${startAfter}开始）将不在其任职期内，请先更正或撤销该签到 / the worker attended session ${a.trainingId}, which would begin outside their service: correct or withdraw that attendance first`,
        field,
      );
    }
  }
}
