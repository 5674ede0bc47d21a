# Starts the kiosk and starts it again 3 s after it exits with a failure (a non-zero exit code: a
# crash, a kill), like the Linux unit's Restart=on-failure / RestartSec=3. A clean exit (0) ends the
# loop. More than 5 failures within a minute also end it (StartLimitBurst=5 on Linux): a kiosk that
# cannot start at all should not flash forever. UNTESTED: written without a Windows machine.
param([Parameter(Mandatory = $true)][string]$AppExe)

$failures = @()
while ($true) {
  $process = Start-Process -FilePath $AppExe -PassThru
  # Reading Handle keeps the process handle open, so ExitCode is still known after it exits.
  $null = $process.Handle
  $process.WaitForExit()
  if ($process.ExitCode -eq 0) { exit 0 }
  $now = Get-Date
  $failures = @($failures | Where-Object { ($now - $_).TotalSeconds -lt 60 }) + $now
  if ($failures.Count -gt 5) { exit 1 }
  Start-Sleep -Seconds 3
}
