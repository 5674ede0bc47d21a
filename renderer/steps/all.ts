// Every step type the kiosk knows: one import per folder (each registers itself).
import './gate';
import './ktp-scan';
import './verify-account';
import './form';
import './selfie';
import './account';
