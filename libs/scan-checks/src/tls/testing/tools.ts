export { describeWithTools, hasTool } from '@vigie/testing';
