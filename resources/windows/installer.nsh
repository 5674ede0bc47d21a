; Registration Kiosk: electron-builder NSIS include (nsis.include in electron-builder.yml).
; UNTESTED: written without a Windows machine; check it on one before relying on it.
; The installing user gets a Scheduled Task "Registration Kiosk" that runs kiosk-supervisor.ps1 at
; their logon; the supervisor starts the kiosk again 3 s after any exit that is not clean.
; (Task Scheduler's own "restart on failure" reacts only to a task that fails to start, not to a
; program that crashes later, hence the supervisor.)

!macro customInstall
  nsExec::ExecToLog '"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "$INSTDIR\resources\windows\register-task.ps1" -AppExe "$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  Pop $0
  DetailPrint "Registration Kiosk: scheduled task registered (exit code $0)"
!macroend

!macro customUnInstall
  ; Also runs before an update's install, which registers the task again.
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Delete /TN "Registration Kiosk" /F'
  Pop $0
!macroend
