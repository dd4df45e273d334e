import type { DossierAction } from '../../dossier.rules.js';
import type { ActionHandler } from './action-context.js';
import { apologise } from './apologise.js';
import { approve } from './approve.js';
import { assign } from './assign.js';
import { claim } from './claim.js';
import { refuse, stop, withdraw } from './closing.js';
import { forward } from './forward.js';
import { requestSupplement } from './request-supplement.js';
import { returnResult } from './return-result.js';
import { sendBack } from './send-back.js';
import { supplementReceived } from './supplement-received.js';
import { transfer } from './transfer.js';
import { transferBack } from './transfer-back.js';

/** The handler of each action taken through POST /dossiers/:id/actions (intake decisions have their own use cases). */
export const actionHandlers = {
  claim,
  assign,
  forward,
  send_back: sendBack,
  transfer,
  transfer_back: transferBack,
  request_supplement: requestSupplement,
  supplement_received: supplementReceived,
  apologise,
  approve,
  return_result: returnResult,
  withdraw,
  stop,
  refuse,
} as const satisfies Record<Exclude<DossierAction, 'accept' | 'reject_intake'>, ActionHandler>;
