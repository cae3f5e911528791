import { ClassConstructor } from 'class-transformer';
import { factInvariantProblems } from '../../domain/incident/fact-invariants';
import { IncidentEventType } from '../../domain/incident/incident-events';
import { Problem } from '../../domain/shared/problem';
import { validatePlain } from '../../http/validation/validation-problems';
import {
  ActorInvolvedDataDto, CasualtiesReportedDataDto, FactCorrectedDataDto, FactRetractedDataDto, FireExchangedDataDto,
  IdentificationDecisionDataDto, IdentificationPendingDataDto, IncidentOpenedDataDto, MaterielDataDto, PersonsFreedDataDto,
  RaidConductedDataDto, StrikeConductedDataDto,
} from './fact-data.dto';

/** The shape of each event type's `data`. */
export const FACT_DATA_SCHEMAS: Record<IncidentEventType, ClassConstructor<object>> = {
  IncidentOpened: IncidentOpenedDataDto,
  RaidConducted: RaidConductedDataDto,
  StrikeConducted: StrikeConductedDataDto,
  FireExchanged: FireExchangedDataDto,
  CasualtiesReported: CasualtiesReportedDataDto,
  MaterielSeized: MaterielDataDto,
  MaterielDestroyed: MaterielDataDto,
  PersonsFreed: PersonsFreedDataDto,
  ActorInvolved: ActorInvolvedDataDto,
  IdentificationPending: IdentificationPendingDataDto,
  IdentificationConfirmed: IdentificationDecisionDataDto,
  IdentificationRefuted: IdentificationDecisionDataDto,
  FactCorrected: FactCorrectedDataDto,
  FactRetracted: FactRetractedDataDto,
};

/**
 * The check `decide` gets from the edge: the shape of the type's data, then the domain's own
 * invariants. A correction merged over an old fact goes through exactly the checks a new one does.
 */
export function checkFactData(type: IncidentEventType, data: unknown): Problem[] {
  const { problems } = validatePlain(FACT_DATA_SCHEMAS[type], data);
  return problems.length > 0 ? problems : factInvariantProblems(type, data);
}
