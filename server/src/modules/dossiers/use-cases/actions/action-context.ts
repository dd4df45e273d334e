import type { Queryable } from '../../../../platform/database.js';
import type { Actor } from '../../../identity/permissions.policy.js';
import type { RuleSet } from '../../../rule-sets/rule-set.rules.js';
import type { WorkingCalendar } from '../../../working-calendar/calendar.rules.js';
import type { TActionInput } from '../../dossier.contract.js';
import type { DossierEvent } from '../../dossier-events.rules.js';
import type { DossierRow, StepRow } from '../../dossier.repo.js';
import type { DossierState } from '../../dossier.rules.js';

/**
 * What an action's handler sees: the dossier locked for the transaction, its steps, the state the machine moved it
 * to, the actor and the input. The policy, the state machine and the reason check have passed before a handler runs
 * (act-on-dossier.ts); the handler checks what is its own (deadlines, targets) and says which event happened.
 */
export type ActionContext = {
  tx: Queryable;
  now: Date;
  actor: Actor;
  input: TActionInput;
  dossier: DossierRow;
  steps: StepRow[];
  next: DossierState;
  ruleSet: RuleSet;
  /** The working calendar of the resolving unit, for the actions that move a date. */
  calendar: () => Promise<WorkingCalendar>;
};

export type ActionHandler = (c: ActionContext) => Promise<DossierEvent> | DossierEvent;
