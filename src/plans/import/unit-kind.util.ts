import type { UnitKind } from '../../units/unit.entity.js';

/**
 * A first guess of a new unit's kind from its name, for units an import creates; the office can
 * correct it in the register. Order matters: 委政法委 is Party, 人民法院 is judicial.
 */
export function guessUnitKind(name: string): UnitKind {
  if (/法院|检察院/.test(name)) return 'judicial';
  if (/妇联|妇女联合会|总工会|工会|团委|共青团|残联|残疾人联合会|科协|工商联|红十字会|文联|侨联/.test(name))
    return 'mass_organisation';
  if (/委(宣传|组织|政法|统战|编)|宣传部|组织部|统战部|政法委|编办|党校|纪委|县委办|委办/.test(name)) return 'party';
  if (/局|办|委员会|中心|政府|分局|所$/.test(name)) return 'government';
  return 'other';
}
