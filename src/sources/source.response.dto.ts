export class SourceReceiptResponseDto {
  sourceId: string;
  sha256: string;
  createdAt: string;
}

export class SourceSummaryResponseDto {
  sourceId: string;
  sha256: string;
  publisher: string;
  title: string;
  publishedAt: string | null;
  language: string;
  url: string | null;
  createdAt: string;
  recordedBy: string;
}

export class SourceResponseDto extends SourceSummaryResponseDto {
  text: string;
}

export class SourceListResponseDto {
  items: SourceSummaryResponseDto[];
  nextCursor: string | null;
}
