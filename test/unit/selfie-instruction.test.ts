// The one instruction under the selfie camera: never "fine" before a face was checked; a problem
// first, then the head turn the profile asks for, then "take the photo".
import { describe, expect, it } from 'vitest';
import { instruction } from '../../renderer/steps/selfie/instruction';

const seen = (problem: Parameters<typeof instruction>[0]['problem'], livenessPassed = false) => ({ checked: true, problem, livenessPassed });
const turn = { direction: 'left' } as const;

describe('the selfie instruction', () => {
  it('says nothing is fine before a frame was checked', () => {
    expect(instruction({ checked: false, problem: null, livenessPassed: false }, turn)).toBe('selfie.liveChecking');
    expect(instruction({ checked: false, problem: null, livenessPassed: false }, null)).toBe('selfie.liveChecking');
  });

  it('puts a problem before the head turn, and the turn before "take the photo"', () => {
    expect(instruction(seen('noFace'), turn)).toBe('selfie.problems.noFace');
    expect(instruction(seen('tooDark'), turn)).toBe('selfie.problems.tooDark');
    expect(instruction(seen(null), turn)).toBe('selfie.liveness.left');
    expect(instruction(seen(null, true), turn)).toBe('selfie.liveness.done');
  });

  it('does not call the asked-for head turn a problem while the prompt runs, but does afterwards', () => {
    expect(instruction(seen('notFacing'), turn)).toBe('selfie.liveness.left');
    expect(instruction(seen('notFacing', true), turn)).toBe('selfie.problems.notFacing');
    expect(instruction(seen('notFacing'), null)).toBe('selfie.problems.notFacing');
  });

  it('without a liveness prompt, a good position is "take the photo"', () => {
    expect(instruction(seen(null), null)).toBe('selfie.liveReady');
  });
});
