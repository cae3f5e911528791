import { IsIn } from 'class-validator';

/** A query flag: `true` or `false`, nothing else (`1`, `yes` are refused, not guessed at). */
export const IsBooleanText = () => IsIn(['true', 'false'], { message: '$property must be true or false' });
