export * from './finding';
export * from './ports/exposed-services.check';
export * from './ports/port-probe';
export * from './ports/risky-ports';
export * from './runner';
