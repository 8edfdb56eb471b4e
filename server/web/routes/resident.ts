// TEMPORARY skeleton, replaced by its owner (resident form helper).
import type { FastifyPluginAsync } from 'fastify';
const plugin: FastifyPluginAsync = async () => {};
export default plugin;
