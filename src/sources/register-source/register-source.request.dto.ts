import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { BODY_LIMIT_BYTES } from '../../http/request-limits';
import { IsDateTimeWithOffset } from '../../http/validation/date-time';

/** A text as long as a request body can carry (1 MiB): a long report fits, a mistaken upload of a binary does not. */
export const MAX_SOURCE_TEXT = BODY_LIMIT_BYTES;

export class RegisterSourceRequestDto {
  @IsString() @IsNotEmpty() @MaxLength(500)
  publisher: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  title: string;

  @IsOptional() @IsDateTimeWithOffset()
  publishedAt?: string | null;

  /** BCP 47 language tag of the text, e.g. `fr`, `en`, `ar`. */
  @IsString() @MaxLength(35) @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a BCP 47 language tag such as fr or en-GB' })
  language: string;

  @IsOptional() @MaxLength(2000) @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string | null;

  @IsString() @IsNotEmpty() @MaxLength(MAX_SOURCE_TEXT)
  text: string;
}
