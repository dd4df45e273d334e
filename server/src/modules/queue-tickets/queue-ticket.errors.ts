import { DomainError } from '../../platform/errors.js';

export const queueTicketErrors = {
  deskNotFound: () => new DomainError('QUEUE_TICKET.DESK_NOT_FOUND', 'not_found', 'Không tìm thấy bộ phận một cửa.', 'Desk unit not found.'),
  noneWaiting: () => new DomainError('QUEUE_TICKET.NONE_WAITING', 'conflict', 'Không còn số nào đang chờ.', 'No ticket is waiting.'),
};
