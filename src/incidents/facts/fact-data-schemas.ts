import { ClassConstructor } from 'class-transformer';
import { DataCheck, invariantsOnly } from '../../domain/incident/decide';
import { IncidentEventType } from '../../domain/incident/incident-events';
import { validatePlain } from '../../http/validation/validation-problems';
import {
  ActivityReportedDataDto, ActorInvolvedDataDto, AttackReportedDataDto, CasualtiesReportedDataDto, FactCorrectedDataDto, FactRetractedDataDto,
  FireExchangedDataDto, IdentificationDecisionDataDto, IdentificationPendingDataDto, IncidentLinkedDataDto, IncidentOpenedDataDto,
  IncidentWithdrawnDataDto, MaterielDataDto, PersonsAbductedDataDto, PersonsDetainedDataDto, PersonsFreedDataDto, RaidConductedDataDto,
  SiteDiscoveredDataDto, StrikeConductedDataDto,
} from './fact-data.dto';

/**
 * The shape of each event type's `data`, for validation and OpenAPI: keyed by the domain
 * catalogue's types, so a type without its data class does not compile.
 */
export const FACT_DATA_SCHEMAS: { [T in IncidentEventType]: ClassConstructor<object> } = {
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
  AttackReported: AttackReportedDataDto,
  PersonsDetained: PersonsDetainedDataDto,
  PersonsAbducted: PersonsAbductedDataDto,
  SiteDiscovered: SiteDiscoveredDataDto,
  ActivityReported: ActivityReportedDataDto,
  IncidentLinked: IncidentLinkedDataDto,
  IncidentWithdrawn: IncidentWithdrawnDataDto,
  FactCorrected: FactCorrectedDataDto,
  FactRetracted: FactRetractedDataDto,
};

/**
 * The check `decide` gets from the edge: the shape of the type's data, then the domain's own
 * invariants. A correction merged over an old fact goes through exactly the checks a new one does.
 */
export const checkFactData: DataCheck = (type, data) => {
  const { problems } = validatePlain(FACT_DATA_SCHEMAS[type], data);
  return problems.length > 0 ? problems : invariantsOnly(type, data);
};
