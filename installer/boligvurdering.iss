; Inno Setup 6 script for Boligvurdering (Windows, x64). See installer/README.md.
;
; Build on Windows, from the repository root, after the PyInstaller bundle (dist\Boligvurdering):
;   python installer\version_info.py build          (writes build\version.iss from pyproject.toml)
;   iscc installer\boligvurdering.iss               (add /DSIGN /Ssigntool=... to sign, see README)
; Output: dist\boligvurdering-<version>-oppsett.exe
;
; Install modes (one setup file):
;   per machine (default; administrator): C:\Program Files\Boligvurdering, all users
;       boligvurdering-<v>-oppsett.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS
;   per user (no administrator rights):   %LOCALAPPDATA%\Programs\Boligvurdering
;       boligvurdering-<v>-oppsett.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER
; Machine-wide preset (kommune, lock minutes, backup folder), per-machine installs only:
;   preset.json next to the setup file, or /PRESET="\\server\share\preset.json";
;   installed as C:\ProgramData\boligvurdering\preset.json (read before each user's settings).
; Uninstall keeps every user's data (%LOCALAPPDATA%\boligvurdering) unless the user, asked in an
; interactive uninstall, chooses to delete their own data folder.

#include "..\build\version.iss"
#ifndef AppVersion
  #error Run "python installer\version_info.py build" first (version from pyproject.toml)
#endif

[Setup]
AppId={{6F1C3C52-8F55-4B8E-9A55-0F6D1B0C2A11}
AppName=Boligvurdering
AppVersion={#AppVersion}
AppVerName=Boligvurdering {#AppVersion}
AppPublisher=Boligvurdering
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Boligvurdering
; per machine by default; /CURRENTUSER or the dialog switches to a per-user install
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
DefaultDirName={autopf}\Boligvurdering
DefaultGroupName=Boligvurdering
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile=..\resources\boligvurdering.ico
UninstallDisplayIcon={app}\Boligvurdering.exe
UninstallDisplayName=Boligvurdering {#AppVersion}
LicenseFile=..\LICENSE
OutputDir=..\dist
OutputBaseFilename=boligvurdering-{#AppVersion}-oppsett
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
#ifdef SIGN
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "norwegian"; MessagesFile: "compiler:Languages\Norwegian.isl"

[Tasks]
Name: "desktopicon"; Description: "Lag snarvei på skrivebordet"; Flags: unchecked

[Files]
Source: "..\dist\Boligvurdering\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{param:PRESET|{src}\preset.json}"; DestDir: "{commonappdata}\boligvurdering"; DestName: "preset.json"; \
    Flags: external skipifsourcedoesntexist uninsneveruninstall; Check: IsAdminInstallMode

[Icons]
Name: "{autoprograms}\Boligvurdering"; Filename: "{app}\Boligvurdering.exe"; Comment: "Forebyggende hjemmebesøk og boligtilpasning"
Name: "{autodesktop}\Boligvurdering"; Filename: "{app}\Boligvurdering.exe"; Tasks: desktopicon

[Registry]
; .bvx (encrypted visit file): double-click opens Boligvurdering, which offers to import it.
; HKA = HKLM\Software\Classes for per-machine installs, HKCU\Software\Classes for per-user.
Root: HKA; Subkey: "Software\Classes\.bvx"; ValueType: string; ValueName: ""; ValueData: "Boligvurdering.Besoksfil"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Boligvurdering.Besoksfil"; ValueType: string; ValueName: ""; ValueData: "Kryptert besøksfil (Boligvurdering)"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Boligvurdering.Besoksfil\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Boligvurdering.exe,0"
Root: HKA; Subkey: "Software\Classes\Boligvurdering.Besoksfil\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Boligvurdering.exe"" ""%1"""

[Run]
Filename: "{app}\Boligvurdering.exe"; Description: "Start Boligvurdering"; Flags: nowait postinstall skipifsilent

[Code]
{ Uninstall keeps user data. Only an interactive uninstall asks, default "No", and only deletes
  the data folder of the user who runs it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\boligvurdering');
    if DirExists(DataDir) and (MsgBox('Vil du også slette dine data (database, bilder, sikkerhetskopier) i ' +
        DataDir + '? Dette kan ikke angres.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES) then
      DelTree(DataDir, True, True, True);
  end;
end;
