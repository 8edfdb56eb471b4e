// TEMPORARY skeleton, replaced by its owner (staff web helper). Must keep registering bulletinRoutes in the
// authenticated scope.
import type { FastifyPluginAsync } from 'fastify';
import bulletinRoutes from '../bulletin.js';
const plugin: FastifyPluginAsync = async (app) => {
  await app.register(bulletinRoutes);
};
export default plugin;
