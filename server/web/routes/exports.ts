// TEMPORARY skeleton (RESULTS helper is writing the real exports right now).
import type { FastifyPluginAsync } from 'fastify';

const exportRoutes: FastifyPluginAsync = async () => {};

export default exportRoutes;
