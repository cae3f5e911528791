import { BadRequestException, Headers } from '@nestjs/common';

/** `If-Match: "3"` (or W/"3", or 3) as a version number; absent or `*` means no condition. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) throw new BadRequestException(['If-Match must be an ETag such as "3" (the incident version)']);
  return Number(match[1]);
}

export const IfMatch = () => Headers('if-match');
