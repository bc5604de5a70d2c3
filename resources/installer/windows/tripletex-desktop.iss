; Inno Setup 6 script for Tripletex Desktop (built only by .github/workflows/release.yml, on windows-latest).
; Compile: iscc /DAppVersion=0.1.0 /DBundleDir=dist\TripletexDesktop /DIconFile=build\icons\tripletex-desktop.ico
;          /DOutputDir=dist resources\installer\windows\tripletex-desktop.iss
;
; Per user, without administrator rights, by default ({autopf} is %LOCALAPPDATA%\Programs then); an
; administrator may choose "for all users" in the first dialog or pass /ALLUSERS.
; Bookkeepers rolling out many machines:
;   TripletexDesktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /PROFILE="\\server\share\bureau.json"
; /PROFILE imports a profile file (settings and connections without tokens) after the files are in place, as
; `tripletex-desktop profile import FILE` does; its exit code is kept in the setup log (/LOG="file").

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible; this script is UTF-8)
#endif
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z
#endif
#ifndef BundleDir
  #define BundleDir "..\..\..\dist\TripletexDesktop"
#endif
#ifndef IconFile
  #define IconFile "..\..\..\build\icons\tripletex-desktop.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\..\dist"
#endif

[Setup]
; AppId identifies the installation across versions (upgrades, uninstall): never change it.
AppId={{8E1C5B7A-3F0D-4C52-9B8E-6A2F1D4C9E37}
AppName=Tripletex Desktop
AppVersion={#AppVersion}
AppVerName=Tripletex Desktop {#AppVersion}
AppPublisher=Tripletex Desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Tripletex Desktop
DefaultGroupName=Tripletex Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=TripletexDesktop-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\TripletexDesktop.exe
UninstallDisplayName=Tripletex Desktop
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
UsePreviousLanguage=yes
SetupLogging=yes

[Languages]
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
nb.LaunchApp=Start Tripletex Desktop
en.LaunchApp=Start Tripletex Desktop
nb.DesktopIcon=Lag en snarvei på skrivebordet
en.DesktopIcon=Create a desktop shortcut
nb.ImportingProfile=Importerer profilen ...
en.ImportingProfile=Importing the profile ...
nb.ProfileFailed=Profilen kunne ikke importeres (feilkode %1). Programmet er installert; importer profilen senere med «tripletex-desktop profile import FIL».
en.ProfileFailed=The profile could not be imported (exit code %1). The app is installed; import the profile later with "tripletex-desktop profile import FILE".

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Tripletex Desktop"; Filename: "{app}\TripletexDesktop.exe"; AppUserModelID: "no.tripletex-desktop"
Name: "{autodesktop}\Tripletex Desktop"; Filename: "{app}\TripletexDesktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\TripletexDesktop.exe"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put in {app}: settings, data, logs and the keyring entries stay (they are the
; user's), in %APPDATA%\TripletexDesktop and %LOCALAPPDATA%\TripletexDesktop.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function ProfileFile(): String;
begin
  Result := ExpandConstant('{param:PROFILE|}');
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  ExitCode: Integer;
begin
  if (CurStep = ssPostInstall) and (ProfileFile() <> '') then
  begin
    WizardForm.StatusLabel.Caption := CustomMessage('ImportingProfile');
    Log('Importing profile ' + ProfileFile());
    if not Exec(ExpandConstant('{app}\tripletex-desktop.exe'), 'profile import "' + ProfileFile() + '"', '',
                SW_HIDE, ewWaitUntilTerminated, ExitCode) or (ExitCode <> 0) then
    begin
      Log('Profile import failed, exit code ' + IntToStr(ExitCode));
      SuppressibleMsgBox(FmtMessage(CustomMessage('ProfileFailed'), [IntToStr(ExitCode)]), mbError, MB_OK, IDOK);
    end
    else
      Log('Profile imported');
  end;
end;
