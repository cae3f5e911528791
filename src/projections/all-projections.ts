import { Projection } from './engine/projection';
import { ActorDirectoryProjection } from './actor-directory/actor-directory.projection';
import { CasualtyTallyProjection } from './casualty-tally/casualty-tally.projection';
import { IdentificationsProjection } from './identifications/identifications.projection';
import { IncidentDetailsProjection } from './incident-details/incident-details.projection';
import { IncidentLinksProjection } from './incident-links/incident-links.projection';
import { MaterielTallyProjection } from './materiel-tally/materiel-tally.projection';
import { SourcesProjection } from './sources/sources.projection';

export const allProjections = (): Projection[] => [
  new SourcesProjection(),
  new IncidentDetailsProjection(),
  new IncidentLinksProjection(),
  new IdentificationsProjection(),
  new ActorDirectoryProjection(),
  new CasualtyTallyProjection(),
  new MaterielTallyProjection(),
];
