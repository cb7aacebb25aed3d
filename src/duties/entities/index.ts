import { DutyRuleSet } from './duty-rule-set.entity.js';
import { Task } from './task.entity.js';
import { TaskItem } from './task-item.entity.js';
import { IndicatorValue } from './indicator-value.entity.js';
import { TaskEvent } from './task-event.entity.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { Attachment } from './attachment.entity.js';

export { DutyRuleSet, Task, TaskItem, IndicatorValue, TaskEvent, ExtensionRequest, Attachment };

/** The duties module's tables (registered in src/database/entities.ts). */
export const DUTY_ENTITIES = [DutyRuleSet, Task, TaskItem, IndicatorValue, TaskEvent, ExtensionRequest, Attachment];
