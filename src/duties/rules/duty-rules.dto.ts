import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Min } from 'class-validator';

export class ReplaceDutyRulesDto {
  @ApiProperty({ description: 'the version you read (0 while the plan uses the defaults)' })
  @IsInt()
  @Min(0)
  version: number;
  @ApiProperty({
    description:
      'sections and keys that differ from the defaults, e.g. {"midtermEvaluation": {"enabled": true}, "annualReport": {"dueMonthDay": "12-20", "dueYearOffset": 0}}',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  overrides: Record<string, unknown>;
}
