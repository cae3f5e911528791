import { Module } from '@nestjs/common';
import { AccessKeyTable } from './access-key-table';
import { AccessKeys } from './access-keys';

/** The keys (made by the command line) and the live view the HTTP access check reads. */
@Module({
  providers: [AccessKeyTable, AccessKeys],
  exports: [AccessKeyTable, AccessKeys],
})
export class AccessModule {}
