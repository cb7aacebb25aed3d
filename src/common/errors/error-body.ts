export interface ErrorBody {
  status: number;
  code: string;
  message: string;
  details: unknown;
}
