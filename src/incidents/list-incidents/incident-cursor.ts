import { BadRequestException } from '@nestjs/common';

export interface IncidentCursor {
  occurredStart: string;
  incidentId: string;
}

/** The cursor is the sort key of the last item shown, so pages follow the sort order exactly. */
export const encodeCursor = (cursor: IncidentCursor): string =>
  Buffer.from(JSON.stringify([cursor.occurredStart, cursor.incidentId])).toString('base64url');

export function decodeCursor(text: string): IncidentCursor {
  try {
    const [occurredStart, incidentId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof occurredStart === 'string' && typeof incidentId === 'string') return { occurredStart, incidentId };
  } catch {
    // falls through to the 400 below
  }
  throw new BadRequestException(['cursor must be a nextCursor from a previous page']);
}
