export * from './documents.ts'
export * from './people.ts'
export * from './task-forces.ts'
export * from './work.ts'
