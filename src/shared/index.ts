export * from './errors.ts'
export * from './domain.ts'
export * from './api-shape.ts'
export * from './contract.ts'
