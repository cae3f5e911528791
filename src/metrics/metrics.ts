import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ProjectionEngine } from '../projections/engine/projection-engine';

const PROJECTION_STATUSES = ['live', 'rebuilding', 'failed'] as const;

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * that several apps in one process (the test suites) count apart.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'incident_log_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status, with their latency',
    labelNames: ['method', 'route', 'status'] as const,
    // Appends answer in milliseconds; rebuild triggers and large imports take longer.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'incident_log_appends_total',
    help: 'Appends committed to the log by this process (one per request that wrote)',
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'incident_log_events_appended_total',
    help: 'Events committed to the log by this process',
    registers: [this.registry],
  });

  constructor(projections: ProjectionEngine) {
    collectDefaultMetrics({ register: this.registry, prefix: 'incident_log_' });
    this.watchProjections(projections);
  }

  /**
   * Projection gauges are read from the engine when scraped, never kept up to date by hand. The
   * registry serialises metrics in the order they were made, so the one that collects comes first.
   */
  private watchProjections(projections: ProjectionEngine): void {
    const registers = [this.registry];
    let head: Gauge, status: Gauge<'projection' | 'status'>, rebuild: Gauge<'projection'>;
    const lag = new Gauge({
      name: 'incident_log_projection_lag_events',
      help: 'Events in the log a projection has not applied yet',
      labelNames: ['projection'] as const,
      registers,
      async collect() {
        const views = await projections.status();
        lag.reset();
        status.reset();
        rebuild.reset();
        for (const view of views) {
          lag.set({ projection: view.name }, view.lag);
          for (const each of PROJECTION_STATUSES) status.set({ projection: view.name, status: each }, view.status === each ? 1 : 0);
          if (view.progress) rebuild.set({ projection: view.name }, view.progress.percent / 100);
        }
        head.set(views[0]?.headPosition ?? 0);
      },
    });
    head = new Gauge({ name: 'incident_log_head_position', help: 'Global position of the last event in the log', registers });
    status = new Gauge({
      name: 'incident_log_projection_status',
      help: '1 for the status a projection is in (live, rebuilding or failed), 0 for the others',
      labelNames: ['projection', 'status'] as const,
      registers,
    });
    rebuild = new Gauge({
      name: 'incident_log_projection_rebuild_progress_ratio',
      help: 'How far a running rebuild has got, from 0 to 1 (absent when none runs)',
      labelNames: ['projection'] as const,
      registers,
    });
  }
}
